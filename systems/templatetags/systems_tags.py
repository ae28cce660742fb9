"""Template hooks other apps' pages use: the Manage Access card and a person's own access."""

from django import template

from systems import queries, rules

register = template.Library()


@register.simple_tag
def can_grant_access(user, org) -> bool:
    """The rules predicate, for showing the Manage Access card (no role checks by hand)."""
    return rules.can_grant_access(user, org)


@register.inclusion_tag("systems/_my_access.html")
def my_access(person) -> dict:
    """A person's access by organization, for Manage My Information (three queries)."""
    organizations, open_systems = queries.my_access(person)
    return {"organizations": organizations, "open_systems": open_systems, "person": person}


@register.simple_tag
def access_review_for(review, user):
    """The review task's items with what `user` may do with each (three queries)."""
    return queries.review_for(review, user)


@register.simple_tag
def access_by_system(org):
    """Every active system with its holders in `org` (two queries), for the back office's
    organization page."""
    return queries.systems_with_holders(org)


@register.simple_tag
def open_review_campaigns(limit: int = 5) -> list:
    """The access review campaigns still open, soonest deadline first (one query), for the
    staff home."""
    return queries.open_campaigns(limit)


@register.simple_tag
def access_request_facts(request):
    """What an access request would change: the system, and the access the person holds to
    it now on behalf of the organization, if any (two queries)."""
    from systems.models import AccessGrant, InformationSystem

    system = InformationSystem.objects.get(pk=request.system_id)
    held = (
        AccessGrant.objects.in_force()
        .filter(organization_id=request.organization_id, person_id=request.person_id, system=system)
        .first()
    )
    return {"system": system, "held": held}
