"""The same documents in an S3-compatible bucket (django-storages), against moto's S3: only
ciphertext reaches the bucket, and downloads read it back."""

import boto3
import pytest
from django.core.files.storage import storages
from moto import mock_aws

from documents import purposes, services
from documents.tests.files import pdf_bytes, upload

pytestmark = pytest.mark.django_db
purposes.register("test", "Test document")

BUCKET = "portal-documents"


@pytest.fixture
def s3(settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "documents": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "us-east-1",
                    "location": "documents",
                    "default_acl": "private",
                    "file_overwrite": False,
                },
            },
        }
        yield client


def test_a_document_goes_to_the_bucket_encrypted_and_comes_back(s3, personas):
    assert type(storages["documents"]).__name__ == "S3Storage"
    content = pdf_bytes()
    document = services.store_document(
        actor=personas.carol,
        organization=personas.northwind,
        file=upload("letter.pdf", content),
        purpose="test",
    )
    key = f"documents/{document.storage_name}"
    stored = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert b"%PDF" not in stored
    assert services.read_document(document, actor=personas.carol) == content


def test_a_refused_upload_puts_nothing_in_the_bucket(s3, personas):
    with pytest.raises(Exception):
        services.store_document(
            actor=personas.carol,
            organization=personas.northwind,
            file=upload("locked.pdf", pdf_bytes(password="x")),
            purpose="test",
        )
    assert s3.list_objects_v2(Bucket=BUCKET).get("KeyCount", 0) == 0
