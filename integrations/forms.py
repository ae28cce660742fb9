"""The single definition of a webhook subscription's fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from audit.actions import event_description, event_types
from integrations import network


def event_choices() -> list[tuple[str, str]]:
    """Each event type with what it means: "Add someone to the organization (member.added)"."""
    return [(code, f"{event_description(code)} ({code})") for code in event_types()]


class WebhookForm(forms.Form):
    url = forms.URLField(
        label=_("Endpoint URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_("An https:// address of your system that accepts POST requests."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=event_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event type.")},
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            network.check_url(url)  # checked again at every delivery
        except network.Unsafe as exc:
            raise forms.ValidationError(str(exc)) from None
        return url


class ReplayForm(forms.Form):
    after = forms.IntegerField(
        label=_("Replay the events after event ID"),
        min_value=0,
        max_value=2**53,
        help_text=_("0 replays every event still on record."),
    )
