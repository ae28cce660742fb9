"""The one definition of a valid comment."""

import re

from django import forms
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from conversations.models import BODY_MAX
from core.forms import LETTER, SPACE

# A comment is text over several lines: no control characters but the tab and line breaks,
# and something written in it (a letter or a digit). The API's schema states the same pattern.
_LINE_TEXT = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
COMMENT_PATTERN = rf"^{SPACE}*{_LINE_TEXT}*?(?:{LETTER}|[0-9]){_LINE_TEXT}*?{SPACE}*$"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_WRITTEN = re.compile(rf"{LETTER}|[0-9]")


# The limit as the reader's language writes it ("4,000"; « 4 000 » in French).
def _body_max_written() -> str:
    if (get_language() or "en").startswith("fr"):
        return number_format(BODY_MAX, force_grouping=True)
    return f"{BODY_MAX:,}"


_BODY_MAX_WRITTEN = lazy(_body_max_written, str)()


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=format_lazy(
            _(
                "Plain text, up to {max} characters. Everyone in this conversation reads it "
                "and is e-mailed a copy."
            ),
            max=_BODY_MAX_WRITTEN,
        ),
        error_messages={
            "required": _("Write your comment first."),
            "max_length": format_lazy(
                _("Shorten your comment to {max} characters or fewer (it has %(show_value)d)."),
                max=_BODY_MAX_WRITTEN,
            ),
        },
    )

    def clean_body(self) -> str:
        text = self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n").strip()
        if _CONTROL.search(text):
            raise forms.ValidationError(
                _("Your comment contains control characters; write it as plain text.")
            )
        if not _WRITTEN.search(text):
            raise forms.ValidationError(_("Write your comment in words."))
        return text
