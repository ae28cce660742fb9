"""The breadcrumb trail of the organization pages, built in one place (templates/_breadcrumbs.html).

Every level a person walks through has its crumb, the last one is the current page (not a
link), and a person with a single organization never gets an "Update Organization" crumb that
only bounces back to that organization's page."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from registry.models import Organization
from registry.rules import is_operator_staff

register = template.Library()

CHOOSE = "registry-choose-organization"


def chooses_organization(user) -> bool:
    """Whether "Update Organization" is a page of its own for `user` (one query)."""
    if is_operator_staff(user):
        return True
    return Organization.objects.visible_to(user)[:2].count() > 1


def _section(name: str, org, context) -> list[tuple[str, str | None]]:
    """The crumbs after the organization's own, from the page's URL name and its objects."""
    org_id = org.org_id
    role, person = context.get("role"), context.get("person")
    by_role = (_("By Role"), reverse("registry-by-role", args=[org_id]))
    by_person = (_("By Person"), reverse("registry-by-person", args=[org_id]))

    def role_crumb():
        return (role.name, reverse("registry-role-holders", args=[org_id, role.code]))

    def person_crumb():
        return (person.full_name, reverse("registry-person-roles", args=[org_id, person.person_id]))

    section = context.get("section")
    by_section = (_("By Section"), reverse("registry-by-section", args=[org_id]))

    def section_crumb():
        return (section.name, reverse("registry-section", args=[org_id, section.pk]))

    trails = {
        "registry-update-contacts": lambda: [(_("Update Contact(s)"), None)],
        "registry-by-section": lambda: [by_section],
        "registry-add-section": lambda: [by_section, (_("Add a section"), None)],
        "registry-section": lambda: [by_section, section_crumb()],
        "registry-remove-section": lambda: [by_section, section_crumb(), (_("Remove"), None)],
        "registry-by-role": lambda: [by_role],
        "registry-role-holders": lambda: [by_role, role_crumb()],
        "registry-remove-contact": lambda: [by_role, role_crumb(), (_("Remove"), None)],
        "registry-by-person": lambda: [by_person],
        "registry-person-roles": lambda: [by_person, person_crumb()],
        "registry-remove-member": lambda: [by_person, person_crumb(), (_("Remove"), None)],
        "registry-register-person": lambda: (
            ([by_role, role_crumb()] if role else [by_person])
            + [(_("Register a new person"), None)]
        ),
    }
    build = trails.get(name)
    return build() if build else []


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context) -> list[dict]:
    """Actions › [Update Organization ›] organization › section... (the last is the page)."""
    request = context["request"]
    org = context.get("org")
    name = request.resolver_match.url_name if request.resolver_match else ""
    trail: list[tuple[str, str | None]] = [(_("Actions"), reverse("actions"))]
    if org is None or chooses_organization(request.user):
        trail.append((_("Update Organization"), reverse(CHOOSE)))
    if org is not None:
        trail.append((org.legal_name, reverse("registry-organization", args=[org.org_id])))
        extra = context.get("crumbs")
        if extra:  # a page naming its own trail (Manage Access)
            trail += [(c["label"], c.get("url")) for c in extra]
        else:
            trail += _section(name, org, context)
    crumbs = [{"label": label, "url": url} for label, url in trail]
    crumbs[-1]["url"] = None  # the current page
    return crumbs
