"""The API tokens section of Manage My Information."""

from django import template

from apitokens import queries
from apitokens.forms import ApiTokenForm

register = template.Library()


@register.inclusion_tag("apitokens/_section.html", takes_context=True)
def api_tokens_section(context, user) -> dict:
    """The user's tokens (one query) and the form to create one."""
    return {
        "tokens": list(queries.tokens_of(user)) if user.is_authenticated else [],
        "form": context.get("api_token_form") or ApiTokenForm(),
        "csrf_token": context.get("csrf_token"),
    }
