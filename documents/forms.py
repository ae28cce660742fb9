"""The upload field every page that takes a document uses: it says what is accepted, and the
browser's file picker offers those types first (the content is checked by the service)."""

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.text import file_size, or_list, sentence
from documents import types


def accepted_help() -> str:
    labels = or_list([t.label for t in types.accepted_types()])
    return str(
        sentence(
            _("A {types} file, at most {size}."),
            types=labels,
            size=file_size(settings.DOCUMENTS_MAX_BYTES),
        )
    )


# Said in the language of the page the field is shown on.
_lazy_accepted_help = lazy(accepted_help, str)


class DocumentField(forms.FileField):
    def __init__(self, *, help_text: str = "", **kwargs):
        accept = ",".join(
            sorted({ext for t in types.accepted_types() for ext in t.extensions})
            + [t.mime for t in types.accepted_types()]
        )
        kwargs.setdefault("error_messages", {"required": _("Choose a file to upload.")})
        # An empty file is documents.services' to refuse, in its words (said once).
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(
            help_text=(
                format_lazy("{} {}", help_text, _lazy_accepted_help())
                if help_text
                else _lazy_accepted_help()
            ),
            widget=forms.FileInput(attrs={"accept": accept}),
            **kwargs,
        )
