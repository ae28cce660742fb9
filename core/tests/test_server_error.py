import pytest
from django.test import Client
from django.urls import path

from core.errorviews import server_error


def _boom(request):
    raise RuntimeError("secret internals: DATABASE password=hunter2")


urlpatterns = [path("boom/", _boom)]
handler500 = server_error


@pytest.mark.django_db
def test_an_unexpected_error_shows_a_generic_page_with_a_reference(settings, personas):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    client.force_login(personas.alice)
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in body
    assert "hunter2" not in body and "Traceback" not in body and "RuntimeError" not in body
    assert response["X-Request-ID"] in body
