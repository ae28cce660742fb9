"""A real webhook receiver on 127.0.0.1, and the calls the tests share."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook as Verifier

from integrations import services
from integrations.models import Webhook


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Receiver:
    """Records every POST; `status` (and `location`) say how it answers. Verifies nothing
    itself: tests verify with the library's own verifier."""

    def __init__(self, port: int | None = None, *, status: int = 204, location: str = ""):
        self.port = port or free_port()
        self.status, self.location = status, location
        self.received: list[tuple[dict[str, str], bytes]] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def start(self) -> "Receiver":
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(receiver.status)
                if receiver.location:
                    self.send_header("Location", receiver.location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def verified(self, secret: str) -> list[dict]:
        """Every message received, each verified with standardwebhooks' own verifier."""
        verifier = Verifier(secret)
        return [verifier.verify(body, headers) for headers, body in self.received]

    def message_ids(self) -> list[str]:
        return [headers["webhook-id"] for headers, _ in self.received]


def subscribe(personas, url: str, events: list[str], actor_name: str = "alice"):
    webhook, secret = services.create_webhook(
        personas.northwind,
        data={"url": url, "events": events},
        actor=getattr(personas, actor_name),
    )
    return Webhook.objects.get(pk=webhook.pk), secret
