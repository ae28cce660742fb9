"""SCIM filters (RFC 7644 §3.4.2.2), parsed by scim2-filter-parser, as querysets' Q objects. The
portal answers the filters identity providers send: `eq` on userName, emails (or emails.value),
externalId and id for Users, on displayName and id for Groups, joined by and, or, not."""

from django.db.models import Exists, OuterRef, Q
from scim2_filter_parser import ast
from scim2_filter_parser.lexer import SCIMLexer
from scim2_filter_parser.parser import SCIMParser

from core.access import as_id
from registry.models import Organization, email_key
from scim.models import ScimIdentity
from scim.protocol import GROUP, USER, ScimError

MAX_FILTER = 1000


def _parse(text: str, schema: str):
    if len(text) > MAX_FILTER:
        raise ScimError(400, "The filter is too long.", "invalidFilter")
    try:
        return SCIMParser().parse(SCIMLexer().tokenize(text))
    except Exception:  # the parser raises several kinds (SCIMParserError, lexer errors)
        raise ScimError(
            400,
            f'The filter {text[:100]!r} is not one we can read, e.g. userName eq "jdoe".',
            "invalidFilter",
        ) from None


def _unsupported(node) -> ScimError:
    return ScimError(
        400,
        "This filter is not supported: use eq on userName, emails, externalId or id "
        "(displayName or id for groups), joined by and, or, not.",
        "invalidFilter",
    )


def _walk(node, leaf, schema: str) -> Q:
    if isinstance(node, ast.Filter):
        if node.namespace is not None:  # emails[value eq "x"]: the inner names are emails'
            namespace = node.namespace.attr_name.lower()

            def inner(name, sub, value, outer=leaf):
                return outer(namespace, name, value) if sub is None else None

            q = _walk(node.expr, inner, schema)
            return ~q if node.negated else q
        q = _walk(node.expr, leaf, schema)
        return ~q if node.negated else q
    if isinstance(node, ast.LogExpr):
        left, right = _walk(node.expr1, leaf, schema), _walk(node.expr2, leaf, schema)
        return left & right if node.op.lower() == "and" else left | right
    if isinstance(node, ast.AttrExpr):
        path = node.attr_path
        if node.value.lower() != "eq" or path.uri not in (None, schema):
            raise _unsupported(node)
        sub = path.sub_attr.value.lower() if path.sub_attr is not None else None
        value = node.comp_value.value if node.comp_value is not None else None
        if not isinstance(value, str):
            raise _unsupported(node)
        q = leaf(path.attr_name.lower(), sub, value)
        if q is None:
            raise _unsupported(node)
        return q
    raise _unsupported(node)


def user_filter(text: str, org: Organization) -> Q:
    """Persons matching the filter, among the organization's members."""

    def identity(**match):
        return Exists(ScimIdentity.objects.filter(organization=org, person=OuterRef("pk"), **match))

    def leaf(name: str, sub: str | None, value: str) -> Q | None:
        if name == "username" and sub is None:
            # The identity provider's name, else (a member it did not provision) the e-mail.
            return Q(identity(user_name__iexact=value)) | (
                Q(email_key=email_key(value)) & ~Q(identity())
            )
        if name == "emails" and sub in (None, "value"):
            return Q(email_key=email_key(value))
        if name == "emails" and sub == "type":
            return Q() if value.lower() == "work" else Q(pk__in=[])  # one e-mail, at work
        if name == "externalid" and sub is None:
            return Q(identity(external_id=value))
        if name == "id" and sub is None:
            return Q(person_id=as_id(value) or 0)
        return None

    return _walk(_parse(text, USER), leaf, USER)


def group_filter(text: str) -> Q:
    """Role types matching the filter."""

    def leaf(name: str, sub: str | None, value: str) -> Q | None:
        if name == "displayname" and sub is None:
            return Q(name__iexact=value)
        if name == "id" and sub is None:
            return Q(code=value)
        return None

    return _walk(_parse(text, GROUP), leaf, GROUP)
