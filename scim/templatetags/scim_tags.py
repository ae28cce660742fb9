from django import template

from scim.rules import can_manage_scim_tokens

register = template.Library()


@register.simple_tag
def can_provision_scim(user, org) -> bool:
    """Offer SCIM provisioning to those who may issue its tokens."""
    return can_manage_scim_tokens(user, org)
