"""The reset e-mail really leaves over SMTP: a real aiosmtpd server on 127.0.0.1 receives it,
and its link completes the reset. A failing mail server changes nothing in the answer."""

import re
import socket
import time

import pytest
from aiosmtpd.controller import Controller

from accounts.models import SecretAnswer

pytestmark = pytest.mark.django_db
NEW = "a passphrase that came by real mail"
ANSWERS = {"first pet": "rex", "city": "toronto", "colour": "blue"}


class Inbox:
    def __init__(self):
        self.messages: list[tuple[str, list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (envelope.mail_from, list(envelope.rcpt_tos), envelope.content.decode("utf-8"))
        )
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()


def test_the_reset_email_is_delivered_over_smtp_and_its_link_works(
    client, personas, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/password-reset/", {"username": "Alice "})
    assert response.url == "/password-reset/sent/"
    deadline = time.monotonic() + 5
    while not smtp_server.messages and time.monotonic() < deadline:
        time.sleep(0.05)
    sender, recipients, raw = smtp_server.messages[0]
    assert recipients == ["alice@northwind.example"]
    assert "Subject: Reset your password" in raw
    path = re.search(r"http://127\.0\.0\.1:8000(/password-reset/[A-Za-z0-9_\-]+/)", raw).group(1)
    client.get(path)
    data = {"new_password1": NEW, "new_password2": NEW}
    for answer in SecretAnswer.objects.filter(user=personas.alice).select_related("question"):
        data[f"answer_{answer.question_id}"] = next(
            v for k, v in ANSWERS.items() if k in answer.question.text
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/password-reset/answer/", data)
    assert response.url == "/login/"
    personas.alice.refresh_from_db()
    assert personas.alice.check_password(NEW)
    assert any("Your password was changed" in m[2] for m in smtp_server.messages)


def test_a_failing_mail_server_gives_the_same_answer(
    client, personas, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    settings.EMAIL_TIMEOUT = 1
    answers = []
    for username in ["alice", "nobody-at-all"]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/password-reset/", {"username": username})
        answers.append((response.status_code, response.url))
    assert answers[0] == answers[1] == (302, "/password-reset/sent/")
