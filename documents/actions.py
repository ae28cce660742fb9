"""The documents' audit vocabulary (see audit/actions.py). {target} is the document's name."""

from django.utils.translation import gettext_noop

from audit.actions import Action, register

register(
    Action(
        "document.stored",
        done=gettext_noop("{actor} uploaded {target} for {org}."),
        attempt=gettext_noop("upload a document for {org}"),
        service="document.store",
    ),
    Action(
        "document.downloaded",
        done=gettext_noop("{actor} downloaded {target} of {org}."),
        attempt=gettext_noop("download {target} of {org}"),
        service="document.download",
        change=False,
    ),
)
