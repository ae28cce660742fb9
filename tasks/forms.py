from django import forms
from django.utils.translation import gettext_lazy as _

from tasks.services import COMMENT_MAX


class DecisionForm(forms.Form):
    """The comment of a decision. The service says when one is missing (a rejection needs
    one); the form shows it as required there, so nobody reads "(optional)" and is refused."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A note for the group and the requester."),
    )

    def __init__(self, *args, decision: str = "approve", **kwargs):
        super().__init__(*args, **kwargs)
        if decision == "reject":
            comment = self.fields["comment"]
            comment.label = _("Reason for rejecting")
            comment.help_text = _("Say why, so the requester can correct it.")
            comment.widget.attrs["required"] = True  # shown as required; the service checks
