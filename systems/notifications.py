"""Who is told about access changes, and in what words. Sent after commit, each recipient in
their own language (the subjects and bodies are lazy sentences)."""

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from core.mail import send_after_commit
from core.text import sentence
from registry.models import Organization, Person
from systems.models import InformationSystem


def access_granted(person: Person, org: Organization, system: InformationSystem, level: str):
    send_after_commit(
        [person.email],
        sentence(_("You now have {level} access to {system}"), level=level, system=system.name),
        sentence(
            _(
                "Hello {first_name},\n\nOn behalf of {org} (Organization ID {org_id}) you may "
                "now use {system} at the {level!r} level."
            ),
            first_name=person.first_name,
            org=org.legal_name,
            org_id=org.org_id,
            system=system.name,
            level=level,
        ),
    )


def access_revoked(person: Person, org: Organization, system: InformationSystem, why: str):
    send_after_commit(
        [person.email],
        sentence(_("Your access to {system} has ended"), system=system.name),
        sentence(
            _(
                "Hello {first_name},\n\nYour access to {system} on behalf of {org} "
                "(Organization ID {org_id}) has ended: {why}."
            ),
            first_name=person.first_name,
            system=system.name,
            org=org.legal_name,
            org_id=org.org_id,
            why=why,
        ),
    )


def _item_lines(items) -> str:
    """One line per grant, put together when read (in the reader's language)."""
    rows = [(i.person_name, i.person_number, i.system_name, i.level) for i in items]

    def lines() -> str:
        line = str(_("- {person} (Person ID {number}): {system} ({level})"))
        return "\n".join(
            sentence(line, person=p, number=n, system=s, level=lv) for p, n, s, lv in rows
        )

    return lazy(lines, str)()


def review_lapsed(addresses: list[str], org: Organization, review, items) -> None:
    """Tell the Rights Administrators which grants the deadline sweep revoked."""
    send_after_commit(
        addresses,
        sentence(_("Access not confirmed in time has been revoked for {org}"), org=org.legal_name),
        sentence(
            _(
                "Hello,\n\nThe access review of {org} (Organization ID {org_id}) ended on "
                "{deadline}. These grants were not confirmed and have been revoked; each person "
                "has been told:\n\n{lines}\n\nTo restore access, grant it again on Manage Access."
            ),
            org=org.legal_name,
            org_id=org.org_id,
            deadline=f"{review.deadline:%Y-%m-%d}",
            lines=_item_lines(items),
        ),
    )
