import datetime

from django.utils import timezone

from certification import services
from certification.models import Certification


def start(personas, *, days: int = 30, organizations="", name: str = "2027 certification"):
    deadline = timezone.localdate() + datetime.timedelta(days=days)
    return services.start_campaign(
        name=name, deadline=deadline, organizations=organizations, actor=personas.staff
    )


def northwind_certification(personas, **kwargs) -> Certification:
    campaign = start(personas, organizations=[personas.northwind.org_id], **kwargs)
    return campaign.certifications.get()
