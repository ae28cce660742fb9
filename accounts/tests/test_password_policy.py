"""Password rules (security cases 1-3, 6): length, no truncation, nothing about the person."""

import unicodedata

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from accounts.models import User
from accounts.tests.helpers import sign_in, signed_in

pytestmark = pytest.mark.django_db


def reasons(password: str, user=None) -> list[str]:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        return exc.messages
    return []


def test_a_14_character_password_is_refused_with_the_reason():
    assert any("at least 15 characters" in r for r in reasons("correcthorsebat"[:14]))


def test_a_15_character_lowercase_passphrase_is_accepted_without_composition_rules():
    assert reasons("quietriverstone") == []


def test_a_password_longer_than_128_characters_is_refused_at_set_time():
    assert any("at most 128 characters" in r for r in reasons("horse battery " * 10))
    assert reasons(("amber lantern " * 10)[:128]) == []


def test_a_common_password_is_refused():
    assert any("too common" in r for r in reasons("1q2w3e4r5t6y7u8i9o0p"))


def test_a_password_containing_the_account_name_is_refused(personas):
    found = reasons("my-name-is-ALICE-and-that-is-fine", personas.alice)
    assert any("your account name" in r for r in found)


def test_a_password_containing_the_email_address_is_refused(personas):
    found = reasons("x alice@northwind.example rules", personas.alice)
    assert any("e-mail address" in r or "account name" in r for r in found)


def test_a_password_containing_the_organization_name_is_refused(personas):
    found = reasons("we love northwind power so much", personas.alice)
    assert any("the name of your organization" in r for r in found)
    found = reasons("Northwind-forever-and-ever", personas.erin)
    assert any("the name of your organization" in r for r in found)


def test_a_password_containing_the_operators_name_is_refused(personas):
    found = reasons("my IESO password is long enough", personas.alice)
    assert any("the operator's or the portal's name" in r for r in found)


@pytest.mark.real_hashing
def test_a_long_password_with_spaces_and_emoji_signs_in(client, personas):
    words = "sun 🌞 over the lake, quiet canoe 🛶 at dawn — "
    password = words + "x" * (64 - len(words))
    assert len(password) == 64
    assert reasons(password, personas.erin) == []
    personas.erin.set_password(password)
    personas.erin.save()
    assert personas.erin.password.startswith("argon2")
    sign_in(client, "erin", password)
    assert signed_in(client)


@pytest.mark.real_hashing
def test_passwords_are_not_truncated(client, personas):
    personas.erin.set_password("a" * 72 + "X")
    personas.erin.save()
    sign_in(client, "erin", "a" * 72 + "Y")
    assert not signed_in(client)
    sign_in(client, "erin", "a" * 72 + "X")
    assert signed_in(client)


def test_a_password_set_in_nfc_signs_in_when_typed_in_nfd(client, personas):
    """Documented decision: passwords are compared in Unicode NFKC."""
    nfc = unicodedata.normalize("NFC", "Café crème au lait du matin")
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    personas.erin.set_password(nfc)
    personas.erin.save()
    sign_in(client, "erin", nfd)
    assert signed_in(client)


def test_stored_secrets_are_salted_hashes_only(personas):
    from accounts.models import SecretAnswer

    hashes = list(SecretAnswer.objects.values_list("answer_hash", flat=True))
    hashes += list(User.objects.values_list("password", flat=True))
    assert hashes and all(h.split("$")[0] in {"argon2", "pbkdf2_sha256", "md5"} for h in hashes)
    assert not any(word in h for h in hashes for word in ("rex", "toronto", "Market-Demo"))
    # One salt per row: the same answer hashes differently for different people.
    blue = [a.answer_hash for a in SecretAnswer.objects.filter(question__text__contains="colour")]
    assert len(set(blue)) == len(blue) > 1
