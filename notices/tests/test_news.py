import pytest
from django.urls import reverse

from banking import services as banking_services
from banking.tests.helpers import NEW, letter
from notices import services
from tasks import services as task_services
from tasks.models import Task

pytestmark = pytest.mark.django_db


def test_news_runs_the_same_queries_for_few_or_many_items(
    client, personas, django_assert_num_queries
):
    client.force_login(personas.alice)
    client.get(reverse("news"))
    # session, the user with their person (header), visible organization ids, the activity page
    # (keyset, no count), the latest announcements, the latest notices to the user's groups
    with django_assert_num_queries(6):
        client.get(reverse("news"))
    for index in range(10):
        services.publish_announcement(
            data={"title": f"A{index}", "body": "B"}, actor=personas.staff
        )
        services.issue_notice(
            data={
                "title": f"N{index}",
                "body": "B",
                "roles": ["primary_contact"],
                "organization": f"{personas.northwind.org_id}",
            },
            actor=personas.staff,
        )
        change = banking_services.submit_banking_change(
            personas.northwind, data=NEW, file=letter(), actor=personas.carol
        )
        task = Task.objects.get(subject_id=change.pk, kind="banking_change")
        task_services.approve_task(task, actor=personas.bob)
    with django_assert_num_queries(6):
        response = client.get(reverse("news"))
    assert "A9" in response.content.decode() and "N9" in response.content.decode()
