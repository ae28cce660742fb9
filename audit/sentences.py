"""The one place that turns audit codes into sentences for people."""

from audit.models import AuditEntry
from core.text import sentence

SENTENCES: dict[str, str] = {
    "organization.created": "{actor} registered the organization {org}.",
    "person.registered": "{actor} registered {target} as a new person.",
    "member.added": "{actor} added {target} to {org}.",
    "member.removed": "{actor} removed {target} from {org}.",
    "contact.added": "{actor} registered {target} as {role} of {org}.",
    "contact.removed": "{actor} removed {target} as {role} of {org}.",
    "person.updated": "{actor} updated the contact information of {target}.",
    "access.denied": "{actor} was refused access to {target}.",
    "access.granted": "For {org}, {actor} granted {target} {level} access to {system}.",
    "access.changed": "For {org}, {actor} changed {target}'s access to {system} to {level}.",
    "access.revoked": "For {org}, {actor} revoked {target}'s access to {system}.",
    "access.expired": "For {org}, {target}'s access to {system} expired.",
    "access.grant": "For {org}, {actor} granted {target} access to a system.",
    "access.revoke": "For {org}, {actor} revoked access to a system.",
    "access.requested": "For {org}, {actor} asked for {level} access to {system}.",
    "access.request_rejected": "For {org}, {actor} refused {target} access to {system}.",
    "access.confirmed": "For {org}, {actor} confirmed in an access review that {target} keeps "
    "{level} access to {system}.",
    "access.lapsed": "For {org}, {target}'s access to {system} ended: it was not confirmed in an "
    "access review by its deadline.",
    "access_review.campaign_started": "{actor} started the access review {target}.",
    "access_review.opened": "The Rights Administrators of {org} were asked to review its access "
    "to the operator's systems ({target}).",
    "access_review.completed": "{actor} completed the review of {org}'s access ({target}).",
    "access_review.lapsed": "The review of {org}'s access ({target}) reached its deadline; "
    "access not confirmed was revoked.",
    "task.created": "A task was raised for {org}: {target}.",
    "task.accepted": "{actor} accepted {target}.",
    "task.released": "{actor} released {target}.",
    "task.approved": "{actor} approved {target}.",
    "task.rejected": "{actor} rejected {target}.",
    "task.cancelled": "{target} was withdrawn.",
    "task.expired": "{target} expired.",
    "task.reminded": "The group was reminded of overdue {target}.",
    "task.escalated": "Overdue {target} was escalated.",
    "banking.change_submitted": "{actor} submitted new banking information for {org} for "
    "approval ({target}).",
    "banking.change_approved": "{actor} approved new banking information for {org} ({target}); "
    "it is now in force.",
    "banking.change_rejected": "{actor} rejected new banking information for {org} ({target}); "
    "the information in force is unchanged.",
    "banking.change_superseded": "{actor} replaced a banking change of {org} that was waiting "
    "for approval ({target}).",
    "banking.revealed": "{actor} viewed the full banking numbers of {org}.",
    "announcement.published": "{actor} published the announcement “{target}”.",
    "information_system.created": "{actor} added the information system {target}.",
    "information_system.updated": "{actor} changed the information system {target}.",
    "announcement.withdrawn": "{actor} withdrew the announcement “{target}”.",
    "notice.issued": "{actor} issued the notice “{target}” to the {role}.",
}

REFUSED = "{actor} was refused: {action_text} ({reason})"


def describe(entry: AuditEntry) -> str:
    values = {
        "actor": entry.actor_label or "Someone",
        "target": entry.target_label or "an item",
        "org": entry.org_label or "the organization",
        "role": (entry.details or {}).get("role_name", "a contact"),
        "system": (entry.details or {}).get("system_name", "a system"),
        "level": (entry.details or {}).get("level", ""),
    }
    template = SENTENCES.get(entry.action, "{actor}: " + entry.action.replace(".", " ") + ".")
    text = sentence(template, **values)
    if entry.outcome == AuditEntry.Outcome.REFUSED:
        reason = (entry.details or {}).get("reason", "not allowed")
        return sentence(REFUSED, actor=values["actor"], action_text=text, reason=reason)
    return text
