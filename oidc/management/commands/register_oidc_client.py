"""Register one of the operator's information systems as an OpenID Connect client."""

from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from oidc.services import register_client
from systems.models import InformationSystem


class Command(BaseCommand):
    help = "Register an information system for single sign-on; prints its client ID and secret."

    def add_arguments(self, parser):
        parser.add_argument("system", help="the system's code, e.g. metering")
        parser.add_argument("--redirect-uri", action="append", required=True, dest="redirect")
        parser.add_argument("--post-logout-redirect-uri", action="append", default=[])
        parser.add_argument(
            "--public", action="store_true", help="a client that cannot keep a secret"
        )

    def handle(self, *args, system, redirect, post_logout_redirect_uri, public, **options):
        found = InformationSystem.objects.filter(code=system).first()
        if found is None:
            raise CommandError(f"No information system has the code {system!r}.")
        try:
            client, secret = register_client(
                found,
                redirect_uris=redirect,
                post_logout_redirect_uris=post_logout_redirect_uri,
                confidential=not public,
                actor=None,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"client_id={client.application.client_id}")
        if secret:
            self.stdout.write(f"client_secret={secret}  (shown once; stored hashed)")
