"""The one definition of valid announcements and notices."""

from django import forms

from registry.models import Organization, RoleType


def _plain(value: str, what: str) -> str:
    if "\x00" in value:
        raise forms.ValidationError(f"The {what} contains characters that cannot be saved.")
    return value


class AnnouncementForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    body = forms.CharField(
        label="Announcement",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Plain text. Blank lines separate paragraphs.",
    )

    def clean_title(self) -> str:
        return _plain(self.cleaned_data["title"], "title")

    def clean_body(self) -> str:
        return _plain(self.cleaned_data["body"], "text")


class NoticeForm(AnnouncementForm):
    roles = forms.ModelMultipleChoiceField(
        label="To the holders of",
        queryset=RoleType.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    organization = forms.ModelChoiceField(
        label="In",
        queryset=Organization.objects.filter(is_active=True),
        to_field_name="org_id",
        required=False,
        empty_label="Every organization",
    )
    with_task = forms.BooleanField(
        label="Also raise a task for each organization's group (to accept and complete)",
        required=False,
    )


class WithdrawAnnouncementForm(forms.Form):
    reason = forms.CharField(
        label="Why is it withdrawn?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For the audit log; people only see that the announcement is gone from News.",
    )

    def clean_reason(self) -> str:
        return _plain(self.cleaned_data["reason"].strip(), "reason")
