import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/admin/tasks/task/", "/admin/notices/announcement/", "/admin/notices/notice/"],
)
def test_staff_read_tasks_announcements_and_notices_in_the_admin_but_never_edit_rows(
    client, personas, url
):
    client.force_login(personas.staff)
    response = client.get(url)
    assert response.status_code == 200
    assert client.get(url + "add/").status_code == 403


def test_people_who_are_not_staff_do_not_reach_the_admin(client, personas):
    client.force_login(personas.alice)
    response = client.get("/admin/tasks/task/")
    assert response.status_code == 404  # like every staff page (backoffice.access)
