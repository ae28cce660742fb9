"""Issue 20: operator data in English and French. The catalogue's seeded entries carry their
French; the reader's language picks it; a missing French shows the English, marked."""

import pytest
from django.template import Context, Template
from django.utils import translation

from notices.models import Announcement
from participation.models import ParticipationType
from registry.models import RoleType
from systems.models import InformationSystem

pytestmark = pytest.mark.django_db


def test_the_seeded_catalogue_reads_in_french():
    primary = RoleType.objects.get(code="primary_contact")
    mpi = InformationSystem.objects.get(code="mpi")
    participant = ParticipationType.objects.get(code="market-participant")
    with translation.override("fr"):
        assert str(primary) == "Personne-ressource principale"
        assert str(mpi) == "Interface des participants au marché"
        assert str(participant) == "Participant au marché"
    with translation.override("en"):
        assert str(primary) == "Primary Contact"
        assert str(mpi) == "Market Participant Interface"
    assert primary.audit_label == "Primary Contact"  # the audit log keeps the English


def test_what_staff_did_not_write_in_french_shows_in_english_marked_as_such():
    news = Announcement.objects.create(title="Outage tonight", body="Systems down at 22:00.")
    page = Template(
        '{% load bilingual %}{% localized a "title" %}|{% with b=a|in_language:"body" %}'
        "{{ b.lang }}:{{ b.missing }}{% endwith %}"
    )
    with translation.override("fr"):
        text = page.render(Context({"a": news}))
    assert text.startswith('<span lang="en">Outage tonight</span> <span class="hint">')
    assert text.endswith("|en:True")
    with translation.override("en"):
        assert page.render(Context({"a": news})) == "Outage tonight|en:False"
    news.title_fr = "Panne ce soir"
    with translation.override("fr"):
        assert page.render(Context({"a": news})).startswith("Panne ce soir|")
