"""The one definition of a valid comment."""

import re

from django import forms

from conversations.models import BODY_MAX
from core.forms import LETTER, SPACE

# A comment is text over several lines: no control characters but the tab and line breaks,
# and something written in it (a letter or a digit). The API's schema states the same pattern.
_LINE_TEXT = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
COMMENT_PATTERN = rf"^{SPACE}*{_LINE_TEXT}*?(?:{LETTER}|[0-9]){_LINE_TEXT}*?{SPACE}*$"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_WRITTEN = re.compile(rf"{LETTER}|[0-9]")


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Plain text, up to {BODY_MAX:,} characters. Everyone in this conversation "
        f"reads it and is e-mailed a copy.",
        error_messages={
            "required": "Write your comment first.",
            "max_length": f"Shorten your comment to {BODY_MAX:,} characters or fewer "
            f"(it has %(show_value)d).",
        },
    )

    def clean_body(self) -> str:
        text = self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n").strip()
        if _CONTROL.search(text):
            raise forms.ValidationError(
                "Your comment contains control characters; write it as plain text."
            )
        if not _WRITTEN.search(text):
            raise forms.ValidationError("Write your comment in words.")
        return text
