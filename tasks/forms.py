from django import forms

from tasks.services import COMMENT_MAX


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label="Comment",
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required when you reject: say why, so the requester can correct it.",
    )
