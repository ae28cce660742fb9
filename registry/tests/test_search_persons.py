import pytest

from registry.queries import mask_email, search_persons

pytestmark = pytest.mark.django_db


def _ids(text: str) -> list[int]:
    return [p.person_id for p in search_persons(text)]


def test_a_person_id_finds_exactly_that_person(personas):
    assert _ids(f"{personas.person('erin').person_id}") == [personas.person("erin").person_id]
    assert _ids(f" {personas.person('erin').person_id} ") == [personas.person("erin").person_id]


def test_an_unknown_or_absurd_person_id_finds_nobody(personas):
    assert _ids("123") == []
    assert _ids("9" * 30) == []


def test_an_email_finds_its_person_whatever_the_case(personas):
    assert _ids("ERIN@northwind.example") == [personas.person("erin").person_id]


def test_name_words_match_first_and_last_names_by_prefix(personas):
    assert _ids("erin") == [personas.person("erin").person_id]
    assert _ids("Wal") == [personas.person("erin").person_id]
    assert _ids("erin walsh") == [personas.person("erin").person_id]
    assert _ids("walsh erin") == [personas.person("erin").person_id]
    assert _ids("erin chen") == []


def test_search_text_cannot_inject_patterns(personas):
    assert _ids("%") == []
    assert _ids("_") == []
    assert _ids("' OR 1=1 --") == []


def test_emails_are_masked_in_results():
    assert mask_email("erin@northwind.example") == "e***@northwind.example"
    assert mask_email("broken") == "***"


def test_every_search_is_audited_with_its_text_and_result_count(personas):
    from audit.models import AuditEntry
    from registry import services

    found = services.search_persons(text="Erin", actor=personas.alice)
    assert [p.person_id for p in found] == [personas.person("erin").person_id]
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.actor_id, entry.details) == (
        "person.searched",
        personas.alice.pk,
        {"query": "Erin", "results": 1},
    )


def test_a_one_character_search_is_refused_with_the_reason(personas):
    from core.errors import Invalid
    from registry import services

    with pytest.raises(Invalid) as exc:
        services.search_persons(text="E", actor=personas.alice)
    assert "at least 2 characters" in exc.value.fields["q"][0]
