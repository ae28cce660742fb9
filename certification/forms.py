"""The form operator staff start a certification with: the access review's fields and rules,
in a certification's words (a certification revokes nothing; what is not attested by the
deadline comes to operator staff)."""

from django.utils.translation import gettext_lazy as _

from systems.forms import StartReviewCampaignForm


class StartCertificationForm(StartReviewCampaignForm):
    """Staff start a certification: a name, a deadline, and all or some organizations."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = _("For example “Registration certification 2027”.")
        self.fields["deadline"].help_text = _(
            "The last day on which to attest, as YYYY-MM-DD. What is not attested by then "
            "comes to operator staff; nothing is removed."
        )
        self.fields["organizations"].help_text = _(
            "Separated by commas or spaces. Leave empty to ask every active organization."
        )
