"""The one definition of valid announcements and notices."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registry.models import Organization, RoleType

# What a field is called in its refusal, one whole sentence each.
_UNSAVABLE = {
    "title": _("The title contains characters that cannot be saved."),
    "text": _("The text contains characters that cannot be saved."),
    "reason": _("The reason contains characters that cannot be saved."),
}


def _plain(value: str, what: str) -> str:
    if "\x00" in value:
        raise forms.ValidationError(_UNSAVABLE[what])
    return value


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Announcement"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text. Blank lines separate paragraphs."),
    )
    # The French (core.bilingual): shown to those who read French; the English where blank.
    title_fr = forms.CharField(label=_("Title in French"), max_length=200, required=False)
    body_fr = forms.CharField(
        label=_("Text in French"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Leave both blank to show the English to everyone, marked as such."),
    )

    def clean_title(self) -> str:
        return _plain(self.cleaned_data["title"], "title")

    def clean_body(self) -> str:
        return _plain(self.cleaned_data["body"], "text")

    def clean_title_fr(self) -> str:
        return _plain(self.cleaned_data["title_fr"], "title")

    def clean_body_fr(self) -> str:
        return _plain(self.cleaned_data["body_fr"], "text")

    def clean(self):
        data = super().clean()
        if bool((data.get("title_fr") or "").strip()) != bool((data.get("body_fr") or "").strip()):
            self.add_error(
                "body_fr" if data.get("title_fr") else "title_fr",
                _("Give both the French title and the French text, or neither."),
            )
        return data


class NoticeForm(AnnouncementForm):
    roles = forms.ModelMultipleChoiceField(
        label=_("To the holders of"),
        queryset=RoleType.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    organization = forms.ModelChoiceField(
        label=pgettext_lazy("notice to the holders of roles in an organization", "In"),
        queryset=Organization.objects.filter(is_active=True),
        to_field_name="org_id",
        required=False,
        empty_label=_("Every organization"),
    )
    with_task = forms.BooleanField(
        label=_("Also raise a task for each organization's group (to accept and complete)"),
        required=False,
    )


class WithdrawAnnouncementForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it withdrawn?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the audit log; people only see that the announcement is gone from News."),
    )

    def clean_reason(self) -> str:
        return _plain(self.cleaned_data["reason"].strip(), "reason")
