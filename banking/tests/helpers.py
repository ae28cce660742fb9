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


def letter(name: str = "void-cheque.pdf"):
    """A supporting document as a browser uploads it (a fresh one for each change)."""
    from documents.tests.files import pdf

    return pdf(name)


def stored_letter(org, actor) -> int:
    """A supporting document uploaded first, as an API client does: its document_id."""
    from banking.documents import PURPOSE
    from documents.services import store_document

    return store_document(actor=actor, organization=org, file=letter(), purpose=PURPOSE).pk
