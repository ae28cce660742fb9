"""The organization page's participations, and the Actions card's question, asked of the
participation rules (registry's templates load this; registry does not import it)."""

from django import template

from participation import queries, rules

register = template.Library()


@register.simple_tag
def participations(org):
    """What the organization is or was authorized as (one query)."""
    return queries.participations_of(org)


@register.simple_tag
def can_apply(user, org) -> bool:
    return rules.can_apply_for_participation(user, org)
