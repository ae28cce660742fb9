"""The person search behind its text index (migration 0003_person_search): same answers as a
plain `istartswith` scan, one query, and the index kept current as persons change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing import DEMO
from registry.models import Person
from registry.queries import search_persons

pytestmark = pytest.mark.django_db


def _make(person_id: int, first: str, last: str, email: str) -> Person:
    return Person.objects.create(
        person_id=person_id, first_name=first, last_name=last, email=email, phone="+14165550199"
    )


def ids(text: str) -> list[int]:
    return [p.person_id for p in search_persons(text)]


def test_an_email_with_like_wildcards_matches_only_itself(personas):
    _make(700001, "Una", "Score", "u_s@example.com")
    _make(700002, "Ux", "Score", "uxs@example.com")
    assert ids("U_S@example.com") == [700001]
    assert ids("u%s@example.com") == []


def test_a_word_inside_a_hyphenated_name_is_not_a_prefix_match(personas):
    _make(700003, "Mary-Anne", "Lefebvre-Côté", "mal@example.com")
    assert ids("Mary-Anne") == [700003]
    assert ids("mary-an") == [700003]
    assert ids("Lefebvre-C") == [700003]
    assert ids("Anne") == []


def test_apostrophes_and_accents_are_searchable(personas):
    _make(700004, "Siobhán", "O'Brien", "sob@example.com")
    assert ids("o'brien") == [700004]
    assert ids("Siobhán O'B") == [700004]


def test_a_renamed_or_deleted_person_leaves_the_index(personas):
    person = _make(700005, "Zebulon", "Quartermain", "zq@example.com")
    person.last_name = "Xylander"
    person.save(update_fields=["last_name"])
    assert ids("Quartermain") == []
    assert ids("Xylander") == [700005]
    person.delete()
    assert ids("Zebulon") == []


def test_results_are_ordered_by_name_and_limited(personas):
    for i in range(25):
        _make(710000 + i, f"Name{i:02d}", "Samesurname", f"same{i}@example.com")
    found = search_persons("Samesurname")
    assert [p.first_name for p in found] == [f"Name{i:02d}" for i in range(20)]


def test_punctuation_only_words_search_without_error(personas):
    assert ids("--") == []
    assert ids('"*') == []


@pytest.mark.parametrize(
    "text", [f"{DEMO.person('alice').person_id}", "alice@northwind.example", "Alice Martin"]
)
def test_every_search_is_one_query(personas, text):
    with CaptureQueriesContext(connection) as queries:
        list(search_persons(text))
    assert len(queries) == 1


def _plan(text: str) -> str:
    sql, params = search_persons(text).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return " ".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_several_word_search_uses_the_engine_text_index(personas):
    sql, _ = search_persons("Alice Mar").query.sql_with_params()
    if connection.vendor == "sqlite":
        assert "registry_person_fts" in sql
    else:
        assert "person_last_name_trgm" in _plan("Alice Mar")


def test_a_one_word_search_reads_only_the_first_matches_of_the_name_indexes(personas):
    plan = _plan("Mar")
    if connection.vendor == "sqlite":
        # Ranges of the NOCASE name indexes, in their order: no sort of every match.
        assert "COVERING INDEX person_last_first_nocase (last_name>? AND last_name<?)" in plan
        assert "COVERING INDEX person_first_last_nocase (first_name>? AND first_name<?)" in plan
    else:
        assert "person_last_name_trgm" in plan and "person_first_name_trgm" in plan


def test_one_word_lists_last_name_matches_before_first_name_matches(personas):
    _make(720001, "Adams", "Zimmer", "az@example.com")
    _make(720002, "Bea", "Adamson", "ba@example.com")
    _make(720003, "Cy", "adams", "ca@example.com")
    assert ids("adam") == [720003, 720002, 720001]


def test_one_word_finds_the_first_matches_in_name_order_among_many(personas):
    for i in range(30):
        _make(730000 + i, f"Given{29 - i:02d}", "Commonname", f"cn{i}@example.com")
    _make(730100, "Commonwealth", "Aaron", "cw@example.com")
    found = search_persons("common")
    assert [p.first_name for p in found] == [f"Given{i:02d}" for i in range(20)]


def test_email_search_uses_the_unique_index(personas):
    sql, params = search_persons("alice@northwind.example").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert "person_email_ci_unique" in plan
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "person_email_ci_unique" in plan
