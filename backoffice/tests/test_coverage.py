import pytest
from django.urls import reverse

from backoffice.tests.helpers import submit
from registry.models import RoleAssignment

pytestmark = pytest.mark.django_db


def test_the_dashboard_lists_organizations_short_of_mandatory_contacts(client, personas):
    RoleAssignment.objects.filter(  # the last AR left (set-up only the rules would refuse)
        membership__organization=personas.lakeshore, role_type__code="authorized_representative"
    ).delete()
    client.force_login(personas.staff)
    html = client.get(reverse("backoffice-coverage")).content.decode()
    assert "Northwind Power Corp." in html and "Primary Contact: 1 of 2 recommended" in html
    assert "Authorized Representative: 0 of 2 recommended" in html
    assert reverse("backoffice-appoint-representative", args=[personas.lakeshore.org_id]) in html


def test_the_dashboard_lists_contacts_who_never_set_up_an_account(client, personas):
    from backoffice import services

    services.approve_application(submit(), actor=personas.staff)
    client.force_login(personas.staff)
    html = client.get(reverse("backoffice-coverage")).content.decode()
    assert "Ada Lovelace" in html


def test_the_dashboard_runs_a_fixed_number_of_queries(client, personas, django_assert_num_queries):
    from backoffice import services

    client.force_login(personas.staff)
    client.get(reverse("backoffice-coverage"))
    # session, the user with their person (page header), mandatory role types, organizations
    # with one count per role, persons without an account, mandatory roles held by disabled
    # accounts, overdue tasks
    with django_assert_num_queries(7):
        client.get(reverse("backoffice-coverage"))
    for n in range(3):
        services.approve_application(
            submit(
                ip=f"192.0.2.{n}",
                **{
                    "org-legal_name": f"Org {n}",
                    "submitter-email": f"s{n}@example.com",
                    "ar-email": f"ar{n}@example.com",
                    "pc-email": f"pc{n}@example.com",
                    "ra-email": f"ra{n}@example.com",
                },
            ),
            actor=personas.staff,
        )
    with django_assert_num_queries(7):
        client.get(reverse("backoffice-coverage"))


def test_the_application_list_runs_a_fixed_number_of_queries(
    client, personas, django_assert_num_queries
):
    client.force_login(personas.staff)
    submit()
    # session, the user with their person (page header), count, the page of applications
    # (decider and organization joined)
    with django_assert_num_queries(4):
        html = client.get(reverse("backoffice-applications")).content.decode()
    assert "Sunridge Solar Ltd." in html
    for n in range(5):
        submit(ip=f"192.0.2.{n}", **{"submitter-email": f"s{n}@example.com"})
    with django_assert_num_queries(4):
        client.get(reverse("backoffice-applications"))
