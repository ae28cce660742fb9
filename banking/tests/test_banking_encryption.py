import pytest
from django.db import connection

from banking import crypto, services
from banking.models import BankingChange, BankingInformation
from banking.tests.helpers import NEW, letter

pytestmark = pytest.mark.django_db


def test_the_database_holds_only_ciphertext_for_the_numbers(personas):
    services.submit_banking_change(
        personas.northwind, data=NEW, file=letter(), actor=personas.carol
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT numbers FROM banking_bankinginformation")
        rows = [bytes(r[0]) for r in cursor.fetchall()]
        cursor.execute("SELECT numbers FROM banking_bankingchange")
        rows += [bytes(r[0]) for r in cursor.fetchall()]
    assert rows
    for stored in rows:
        for secret in (b"1234567", b"7654321", b"00011", b"00022"):
            assert secret not in stored


def test_a_value_copied_to_another_organization_fails_to_decrypt(personas):
    northwind = BankingInformation.objects.get(organization=personas.northwind)
    copied = BankingInformation.objects.create(
        organization=personas.lakeshore,
        bank_name="Copied",
        numbers=northwind.numbers,
        account_last4="4567",
    )
    with pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt(personas.lakeshore.org_id, copied.numbers)
    assert crypto.decrypt(personas.northwind.org_id, northwind.numbers)["account"] == "1234567"


def test_a_tampered_ciphertext_fails_to_decrypt(personas):
    stored = bytearray(BankingInformation.objects.get(organization=personas.northwind).numbers)
    stored[-1] ^= 1
    with pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt(personas.northwind.org_id, bytes(stored))


def test_each_encryption_uses_a_fresh_nonce(personas):
    numbers = {"institution": "001", "transit": "00011", "account": "1234567"}
    assert crypto.encrypt(1, numbers) != crypto.encrypt(1, numbers)


def test_production_without_a_key_refuses_to_store_banking_data(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.DEBUG, settings.TESTING, settings.BANKING_KEY = False, False, None
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt(1, {"account": "1"})


def test_a_configured_key_is_used_and_a_short_one_refused(settings):
    import base64
    import os

    from django.core.exceptions import ImproperlyConfigured

    settings.BANKING_KEY = base64.b64encode(os.urandom(32)).decode()
    assert crypto.decrypt(7, crypto.encrypt(7, {"account": "12345"})) == {"account": "12345"}
    settings.BANKING_KEY = base64.b64encode(b"short").decode()
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt(7, {"account": "12345"})


def test_masking_everywhere_the_change_is_described(personas):
    from audit.models import AuditEntry
    from tasks.models import Task

    change = services.submit_banking_change(
        personas.northwind, data=NEW, file=letter(), actor=personas.carol
    )
    assert str(change).find("7654321") == -1
    texts = [change.audit_label, *Task.objects.values_list("summary", flat=True)]
    texts += [str(e.details) + e.target_label for e in AuditEntry.objects.all()]
    assert not [t for t in texts if "7654321" in t or "00022" in t]
    assert BankingChange.objects.get().masked_account == "****4321"
