"""The file types the portal can accept, recognised by their content: each with the signature
its first bytes must carry and the names it may go by. DOCUMENTS_ACCEPTED_TYPES narrows it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    mime: str
    label: str
    signature: bytes
    extensions: frozenset[str]


KNOWN_TYPES = {
    t.mime: t
    for t in [
        FileType("application/pdf", "PDF", b"%PDF-", frozenset({".pdf"})),
        FileType("image/png", "PNG", b"\x89PNG\r\n\x1a\n", frozenset({".png"})),
        FileType(
            "image/jpeg", "JPEG", b"\xff\xd8\xff", frozenset({".jpg", ".jpeg", ".jpe", ".jfif"})
        ),
    ]
}


def accepted_types() -> list[FileType]:
    from django.conf import settings

    return [KNOWN_TYPES[m] for m in settings.DOCUMENTS_ACCEPTED_TYPES if m in KNOWN_TYPES]


def label(mime: str) -> str:
    known = KNOWN_TYPES.get(mime)
    return known.label if known else mime
