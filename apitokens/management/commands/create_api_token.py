"""Print a new API token for an account, alone on the last line (for scripts)."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.usernames import normalize_username
from apitokens import services
from core.errors import DomainError
from core.reauth import console_actor


class Command(BaseCommand):
    help = (
        "Create a personal API token for USERNAME and print it alone on the last line. "
        "With --service NAME, USERNAME (operator staff) issues a service token instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Command-line token")
        parser.add_argument("--expires-in-days", type=int, default=None)
        parser.add_argument("--service", metavar="NAME", help="Issue a service token.")

    def handle(self, *args, username, name, expires_in_days, service, **options):
        user = User.objects.filter(username__iexact=normalize_username(username)).first()
        if user is None:
            raise CommandError(f"There is no account called {username!r}.")
        console_actor(user)  # whoever runs this holds the server (core.reauth)
        data = {"name": service or name, "expires_in_days": expires_in_days or ""}
        try:
            if service:
                token, secret = services.issue_service_token(data=data, actor=user)
            else:
                token, secret = services.create_api_token(user, data=data, actor=user)
        except DomainError as exc:
            details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.fields.items())
            raise CommandError(f"{exc.message} {details}".strip()) from None
        self.stdout.write(
            f"Created {token.kind} API token {token.name!r} (ID {token.pk}); it is shown only once."
        )
        self.stdout.write(secret)
