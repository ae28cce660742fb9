"""Helpers shared by the banking tests."""

import time

from core.reauth import AUTHENTICATED_AT

NEW = {
    "bank_name": "Second National Bank",
    "institution_number": "002",
    "transit_number": "00022",
    "account_number": "7654321",
    "currency": "CAD",
}


def sign_in_recently(client, user):
    """Signed in, with a password entered just now (banking changes need a recent one)."""
    client.force_login(user)
    session = client.session
    session[AUTHENTICATED_AT] = time.time()
    session.save()
    return client
