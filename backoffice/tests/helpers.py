"""Shared test data for the back office."""

from backoffice import services
from backoffice.models import OrganizationApplication

CONTACTS = {
    "ar": ("Ada", "Lovelace", "ada@sunridge.example", "416-555-0171"),
    "pc": ("Grace", "Hopper", "grace.hopper@sunridge.example", "416-555-0172"),
    "ra": ("Alan", "Turing", "alan@sunridge.example", "416-555-0173"),
    "submitter": ("Sam", "Submitter", "sam@sunridge.example", "416-555-0174"),
}


def application_data(**overrides) -> dict:
    data = {
        "org-legal_name": "Sunridge Solar Ltd.",
        "org-business_number": "123 456 789",
        "org-entity_type": "corporation",
        "org-street": "10 King Street West",
        "org-city": "Toronto",
        "org-province": "ON",
        "org-postal_code": "M5H 1A1",
        "org-country": "Canada",
    }
    for prefix, (first, last, email, phone) in CONTACTS.items():
        data.update(
            {
                f"{prefix}-first_name": first,
                f"{prefix}-last_name": last,
                f"{prefix}-email": email,
                f"{prefix}-phone": phone,
                f"{prefix}-job_title": "Director",
            }
        )
    data.update(overrides)
    return data


def submit(ip: str = "198.51.100.7", **overrides) -> OrganizationApplication:
    return services.submit_application(data=application_data(**overrides), ip=ip)
