"""The documents' audit vocabulary (see audit/actions.py). {target} is the document's name."""

from audit.actions import Action, register

register(
    Action(
        "document.stored",
        done="{actor} uploaded {target} for {org}.",
        attempt="upload a document for {org}",
        service="document.store",
    ),
    Action(
        "document.downloaded",
        done="{actor} downloaded {target} of {org}.",
        attempt="download {target} of {org}",
        service="document.download",
        change=False,
    ),
)
