"""What the documents app announces: apps above it decide who may see a document attached to
their objects (documents never imports them)."""

from core.hooks import Hook

document_visible = Hook(
    "document_visible",
    "(user, document) -> True, False or None: may this user see the document? An app answers "
    "for the documents it attached (by `document.purpose`) and None for the others. The first "
    "True or False decides; operator staff always may; nobody answering leaves only the "
    "uploader (while still in the organization).",
)
