"""An organization's members in name order from an index (issue 21): the membership carries a
copy of the member's name, kept equal to the person's, so By Person, the members API and the
Access page read one page without sorting every member."""

import pytest
from django.db import connection
from django.db.models import F, Q

from registry import queries, services
from registry.models import Membership, Person

pytestmark = pytest.mark.django_db


def _out_of_step():
    return Membership.objects.filter(
        ~Q(sort_last=F("person__last_name")) | ~Q(sort_first=F("person__first_name"))
    )


def test_every_membership_carries_its_members_name(personas):
    assert Membership.objects.count() >= 10
    assert not _out_of_step().exists()


def test_a_corrected_name_moves_the_member_in_every_organization(personas):
    ivan = personas.person("ivan")  # a member of Northwind and of Lakeshore
    services.update_my_information(
        ivan, data={"first_name": "Ivan", "last_name": "Aaronson"}, actor=personas.ivan
    )
    assert not _out_of_step().exists()
    for org in (personas.northwind, personas.lakeshore):
        first = queries.members(org).first()
        assert (first.first_name, first.last_name) == ("Ivan", "Aaronson")


def test_a_new_member_is_in_order_at_once(personas):
    person = Person.objects.create(
        person_id=599999, first_name="Zed", last_name="Zzyzx", email="zed@example.org"
    )
    Membership.objects.create(organization=personas.northwind, person=person)
    names = [p.last_name for p in queries.members(personas.northwind)]
    assert names[-1] == "Zzyzx"
    assert names == sorted(names)


def test_the_page_is_read_from_the_index_without_a_sort(personas):
    if connection.vendor != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL's planner picks by table size")
    sql, params = queries.members(personas.northwind)[:50].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " / ".join(row[-1] for row in cursor.fetchall())
    assert "membership_name_order" in plan, plan
    assert "TEMP B-TREE" not in plan, plan
