"""The attested list as a download: CSV (one row an entry) and PDF (a printable record with
who attested, when, and the SHA-256 that the audit log also holds)."""

from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from fpdf import FPDF

from certification.entries import KINDS
from core.text import sentence

# The columns, in the reader's language (the download is made in the request's language).
HEADER = [
    pgettext_lazy("certification column", "Section"),
    _("Entry"),
    _("What"),
    _("Details"),
    _("Last use"),
]


def _details(entry: dict) -> str:
    colon = pgettext("before a value", ":")
    return "; ".join(f"{k}{colon} {v}" for k, v in entry.get("facts", {}).items())


def certified_csv_rows(cert) -> tuple[list[str], list[list[str]]]:
    rows = [
        [
            str(KINDS.get(e["kind"], e["kind"])),
            e["title"],
            e["what"],
            _details(e),
            e.get("last_use", ""),
        ]
        for e in cert.snapshot
    ]
    rows.append(
        [
            gettext("Attestation"),
            cert.attested_by_label,
            _attested_at(cert),
            f"SHA-256 {cert.digest}",
            "",
        ]
    )
    return [str(column) for column in HEADER], rows


def _attested_at(cert) -> str:
    return timezone.localtime(cert.attested_at).strftime("%Y-%m-%d %H:%M %Z")


def _latin(text: str) -> str:
    """The core PDF fonts read Latin-1: anything else is shown as '?' rather than failing."""
    return (
        str(text)
        .replace("\u2019", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .encode("latin-1", "replace")
        .decode("latin-1")
    )


def certified_pdf(cert) -> bytes:
    org = cert.organization
    pdf = FPDF(format="A4")
    title = sentence(gettext("Certification of {org}"), org=org.legal_name)
    pdf.set_title(_latin(title))
    pdf.set_author(_latin(gettext("The operator's registration portal")))
    pdf.set_creation_date(cert.attested_at)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, _latin(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    count = len(cert.snapshot)
    lines = [
        sentence(
            gettext("Organization ID {org_id}. Campaign: {name}."),
            org_id=org.org_id,
            name=cert.campaign.name,
        ),
        sentence(
            gettext("Attested by {name} on {when}."),
            name=cert.attested_by_label,
            when=_attested_at(cert),
        ),
        sentence(gettext("SHA-256 of the certified list: {digest}"), digest=cert.digest),
        sentence(
            ngettext("{count} entry certified.", "{count} entries certified.", count), count=count
        ),
    ]
    for line in lines:
        pdf.multi_cell(0, 5, _latin(line), new_x="LMARGIN", new_y="NEXT")
    for kind, heading in KINDS.items():
        group = [e for e in cert.snapshot if e["kind"] == kind]
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 7, _latin(f"{heading} ({len(group)})"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        if not group:
            pdf.multi_cell(0, 5, _latin(gettext("None.")), new_x="LMARGIN", new_y="NEXT")
        for e in group:
            text = f"{e['title']}: {e['what']}. {_details(e)}"
            if e.get("last_use"):
                text += f". {e['last_use']}"
            pdf.multi_cell(0, 5, _latin(text), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
