"""Small real files for upload tests (other apps' tests may use them too)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script>"


def pdf_bytes(*, password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    """A file as a browser sends it (the claimed type is whatever the browser said)."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf(name: str = "void-cheque.pdf"):
    return upload(name, pdf_bytes())
