"""Pages: access -> form -> one service call -> message + redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.queries import org_audit_count, org_audit_entries
from core.errors import DomainError, Invalid, NotFound, tidy
from core.forms import show_errors
from core.reauth import reauth_required
from core.text import sentence, telephone, with_article
from registry import queries, services
from registry.access import (
    get_member_for,
    get_organization_for,
    get_person_by_number,
    get_role_type,
    get_section_for,
    next_within,
    require_audit_reader,
)
from registry.forms import (
    ChooseOrganizationForm,
    MyDetailsForm,
    PersonDetailsForm,
    PersonSearchForm,
    SectionForm,
)
from registry.models import AffiliationRequest, Organization, email_key
from registry.rules import (
    add_contact_refusal,
    can_add_member,
    can_manage_role,
    can_manage_sections,
    can_read_audit,
    is_operator_staff,
    manage_sections_refusal,
    reenable_account_refusal,
    remove_contact_refusal,
    remove_member_refusal,
)


def _done(request, text: str) -> None:
    messages.success(request, tidy(text))


def _refused(request, exc: DomainError) -> None:
    messages.error(request, exc.message)


def _bind_errors(form, exc: Invalid) -> None:
    show_errors(form, exc)


def person_search(request, org: Organization):
    """The person search of a page about `org` (before adding or registering anyone; also on
    Manage Access): the form and, once asked, the results with masked e-mails."""
    if "q" not in request.GET:
        return PersonSearchForm(), None
    form = PersonSearchForm(request.GET)
    if not form.is_valid():
        return form, None
    results = services.search_persons(
        text=form.cleaned_data["q"], actor=request.user, member_of=org
    )
    for person in results:
        person.masked_email = queries.mask_email(person.email)
    return form, results


# --- Manage My Information ----------------------------------------------------------------


def _email_change_sent(person) -> str:
    change = queries.pending_email_change(person)
    return sentence(
        _("We sent a link to {new}; your address stays {old} until you confirm it from that link."),
        new=change.new_email,
        old=person.email,
    )


@require_http_methods(["GET", "POST"])
@reauth_required
def manage_my_information(request):
    person = getattr(request.user, "person", None)
    if person is None:
        return render(request, "registry/me_no_person.html")
    if request.method == "POST":
        form = MyDetailsForm(request.POST)
        try:
            person = services.update_my_information(
                person, data=request.POST.dict(), actor=request.user
            )
        except Invalid as exc:
            _bind_errors(form, exc)
        except DomainError as exc:
            _refused(request, exc)
        else:
            saved = _("Your contact information has been saved.")
            if email_key(request.POST.get("email", "").strip()) != email_key(person.email):
                saved += " " + _email_change_sent(person)  # the new address waits
            messages.success(request, saved)
            return redirect("me")
    else:
        initial = {name: getattr(person, name) for name in services.PERSON_FIELDS}
        initial["phone"] = telephone(person.phone)
        form = MyDetailsForm(initial=initial)
    organizations = queries.organizations_with_roles(person)
    asked = person.affiliation_requests.select_related("organization").order_by("created_at")
    return render(
        request,
        "registry/me.html",
        {
            "form": form,
            "person": person,
            "organizations": organizations,
            "email_change": queries.pending_email_change(person),
            "asked": asked,
            "operator_staff": is_operator_staff(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def confirm_email_change(request, token: str):
    """The link sent to a new address: GET shows what confirming does (a mail scanner that
    opens the link changes nothing), POST confirms."""
    change = services.pending_email_change(token)
    own = getattr(request.user, "person", None)
    if change is not None and (own is None or own.pk != change.person_id):
        change = None  # someone else's link: the same answer as a used one
    if request.method == "POST":
        try:
            person = services.confirm_email_change(token, actor=request.user)
        except DomainError as exc:
            _refused(request, exc)
        else:
            messages.success(
                request, sentence(_("Your e-mail address is now {email}."), email=person.email)
            )
        return redirect("me")
    response = render(
        request,
        "registry/confirm_email.html",
        {"change": change},
        status=200 if change is not None else 404,
    )
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_POST
def cancel_email_change(request):
    person = getattr(request.user, "person", None)
    if person is not None:
        services.cancel_email_change(person, actor=request.user)
        messages.success(
            request, sentence(_("Your e-mail address stays {email}."), email=person.email)
        )
    return redirect("me")


@require_POST
def answer_affiliation(request, request_id: int, answer: str):
    """Confirm or decline an organization's request to add me (Manage My Information)."""
    if answer not in ("confirm", "decline"):
        raise NotFound(_("There is no such answer."))
    asked = AffiliationRequest(pk=request_id)
    try:
        if answer == "confirm":
            membership = services.confirm_affiliation(asked, actor=request.user)
            _done(
                request,
                sentence(_("You now belong to {org}."), org=membership.organization.legal_name),
            )
        else:
            services.decline_affiliation(asked, actor=request.user)
            _done(request, _("Declined: that organization sees nothing more of you."))
    except DomainError as exc:
        _refused(request, exc)
    return redirect("me")


# --- Update Organization ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def choose_organization(request):
    orgs = list(Organization.objects.visible_to(request.user).order_by("legal_name"))
    data = request.POST if request.method == "POST" else None
    form = ChooseOrganizationForm(data, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            org = get_organization_for(request.user, form.cleaned_data["organization"])
        except DomainError as exc:
            _refused(request, exc)
            return redirect("registry-choose-organization")
        return redirect("registry-organization", org_id=org.org_id)
    if request.method == "GET" and len(orgs) == 1 and not is_operator_staff(request.user):
        return redirect("registry-organization", org_id=orgs[0].org_id)
    return render(
        request, "registry/choose_organization.html", {"organizations": orgs, "form": form}
    )


def organization(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    return render(
        request,
        "registry/organization.html",
        {
            "org": org,
            "warnings": _warnings(request.user, org, queries.coverage_warnings(org)),
            "can_read_audit": can_read_audit(request.user, org),
        },
    )


AUDIT_PAGE_SIZE = 50


@require_GET
def audit_log(request, org_id: int):
    """The organization's audit log for its Primary Contacts, Authorized Representatives and
    staff (`can_read_audit`, as the audit API): every change and refusal in words, newest
    first, 50 a page; the count from the chain's head (no count of the rows)."""
    org = get_organization_for(request.user, org_id)
    require_audit_reader(request.user, org)
    entries = queries.CountedPaginator(
        org_audit_entries(org), AUDIT_PAGE_SIZE, count=org_audit_count(org)
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/audit_log.html",
        {
            "org": org,
            "entries": entries,
            "crumbs": [{"label": _("Audit log")}],
        },
    )


def update_contacts(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    return render(
        request,
        "registry/update_contacts.html",
        {"org": org, "warnings": _warnings(request.user, org, queries.coverage_warnings(org))},
    )


def by_role(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    counts = queries.holder_counts(org)
    sections = queries.section_counts(org)
    roles = queries.role_types()
    for role in roles:
        role.held = counts.get(role.pk, 0)
        role.sections_held = sections.get(role.pk, 0)
    return render(request, "registry/by_role.html", {"org": org, "roles": roles})


def _managers(role_type) -> str:
    """The roles that manage `role_type`, the first with its article: "an A or B"."""
    names = [m.name for m in role_type.managed_by.all()]
    if not names:
        return ""
    conjunction = pgettext("joining the last two items of a list", "or")
    return f" {conjunction} ".join([with_article(names[0]), *names[1:]])


def role_holders(request, org_id: int, code: str):
    org = get_organization_for(request.user, org_id)
    role_type = get_role_type(code)
    search_form, results = person_search(request, org)
    holders = queries.holders(org, role_type)
    # Each Remove and Add is offered only where the service would accept it; where it would
    # not, the page shows the service's own sentence in its place.
    acting = sum(1 for person in holders if person.can_act)
    for person in holders:
        # The last-holder rule's count: this holder and the others who can act.
        person.remove_refusal = remove_contact_refusal(
            request.user, org, person, role_type, holders=1 + acting - int(person.can_act)
        )
    held = {person.pk for person in holders}
    can_manage = can_manage_role(request.user, org, role_type)
    for person in results or ():
        person.add_refusal = add_contact_refusal(
            request.user, org, person, role_type, held=person.pk in held
        )
    return render(
        request,
        "registry/role_holders.html",
        {
            "org": org,
            "role": role_type,
            "holders": holders,
            "can_manage": can_manage,
            "can_register": can_add_member(request.user, org) and can_manage,
            # Who may change the holders, for a person who may not: "an A or B" (one query).
            "managers": "" if can_manage else _managers(role_type),
            "search_form": search_form,
            "results": results,
            "sections": queries.section_holders(org, role_type),
            "can_manage_sections": can_manage_sections(request.user, org),
            "warnings": _warnings(
                request.user, org, queries.coverage_warning(role_type, len(holders))
            ),
        },
    )


@require_POST
@reauth_required
def add_contact(request, org_id: int, code: str):
    org = get_organization_for(request.user, org_id)
    role_type = get_role_type(code)
    back = request.POST.get("next") or reverse(
        "registry-role-holders", kwargs={"org_id": org.org_id, "code": role_type.code}
    )
    try:
        person = get_person_by_number(request.POST.get("person_id"))
        services.add_contact(org, person, role_type, actor=request.user)
    except DomainError as exc:
        _refused(request, exc)
    else:
        _done(
            request,
            sentence(
                _("{person} (Person ID {person_id}) is now {role} of {org}."),
                person=person.full_name,
                person_id=person.person_id,
                role=role_type.name,
                org=org.legal_name,
            ),
        )
    return redirect(_safe_next(back, org))


@require_http_methods(["GET", "POST"])
@reauth_required
def remove_contact(request, org_id: int, code: str, person_id: int):
    org = get_organization_for(request.user, org_id)
    role_type = get_role_type(code)
    person = get_member_for(request.user, org, person_id)
    back = (
        request.POST.get("next")
        or request.GET.get("next")
        or reverse("registry-role-holders", kwargs={"org_id": org.org_id, "code": role_type.code})
    )
    back = _safe_next(back, org)
    if request.method == "POST":
        try:
            services.remove_contact(org, person, role_type, actor=request.user)
        except DomainError as exc:
            _refused(request, exc)
        else:
            _done(
                request,
                sentence(
                    _("{person} is no longer {role} of {org}."),
                    person=person.full_name,
                    role=role_type.name,
                    org=org.legal_name,
                ),
            )
        return redirect(back)
    holders = queries.holder_counts_for_removal(org, person).get(role_type.pk, 1)
    refusal = remove_contact_refusal(request.user, org, person, role_type, holders=holders)
    return render(
        request,
        "registry/confirm_remove_contact.html",
        {"org": org, "role": role_type, "person": person, "back": back, "refusal": refusal},
    )


MEMBERS_PAGE_SIZE = 50


def by_person(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    search_form, results = person_search(request, org)
    members = queries.CountedPaginator(
        queries.members(org), MEMBERS_PAGE_SIZE, count=queries.member_count(org)
    ).get_page(request.GET.get("page"))
    queries.attach_roles(org, members.object_list)
    return render(
        request,
        "registry/by_person.html",
        {
            "org": org,
            "members": members,
            "search_form": search_form,
            "results": results,
            "can_register": can_add_member(request.user, org),
        },
    )


def person_roles(request, org_id: int, person_id: int):
    org = get_organization_for(request.user, org_id)
    person = get_member_for(request.user, org, person_id)
    held = queries.roles_of(org, person)
    counts = queries.holder_counts_for_removal(org, person)
    roles = queries.role_types()
    user = request.user
    for role in roles:
        role.is_held = role.code in held
        # The service's own answer: Add or Remove is offered, or its refusal said instead.
        role.refusal = (
            remove_contact_refusal(user, org, person, role, holders=counts.get(role.pk, 0))
            if role.is_held
            else add_contact_refusal(user, org, person, role, held=False)
        )
    held_counts = [(r, counts.get(r.pk, 0)) for r in roles if r.is_held]
    leaving = remove_member_refusal(user, org, person, held_counts)
    account = person.user if person.user_id else None
    return render(
        request,
        "registry/person_roles.html",
        {
            "org": org,
            "person": person,
            "account": account,
            "reenable_refusal": (
                reenable_account_refusal(user, org, person)
                if account is not None and not account.is_active
                else None
            ),
            "roles": roles,
            "remove_member_refusal": leaving,
            # Said once: the role's row above already gives the same reason.
            "remove_member_said": leaving is not None
            and any(r.refusal and r.refusal.message == leaving.message for r in roles),
        },
    )


@require_POST
@reauth_required
def add_member(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    try:
        person = get_person_by_number(request.POST.get("person_id"))
        membership = services.add_member(org, person, actor=request.user)
    except DomainError as exc:
        _refused(request, exc)
        return redirect("registry-by-person", org_id=org.org_id)
    if membership is None:
        _done(
            request,
            sentence(services.AWAITING_CONFIRMATION, name=person.full_name, org=org.legal_name),
        )
        return redirect("registry-by-person", org_id=org.org_id)
    _done(
        request,
        sentence(
            _("{person} (Person ID {person_id}) now belongs to {org}."),
            person=person.full_name,
            person_id=person.person_id,
            org=org.legal_name,
        ),
    )
    return redirect("registry-person-roles", org_id=org.org_id, person_id=person.person_id)


@require_http_methods(["GET", "POST"])
@reauth_required
def remove_member(request, org_id: int, person_id: int):
    org = get_organization_for(request.user, org_id)
    person = get_member_for(request.user, org, person_id)
    roles_page = reverse("registry-person-roles", args=[org.org_id, person.person_id])
    back = next_within(request, org, roles_page)
    if request.method == "POST":
        try:
            services.remove_member(org, person, actor=request.user)
        except DomainError as exc:
            _refused(request, exc)
            return redirect(back)
        _done(
            request,
            sentence(
                _("{person} has been removed from {org}."),
                person=person.full_name,
                org=org.legal_name,
            ),
        )
        return redirect(
            back if back != roles_page else reverse("registry-by-person", args=[org.org_id])
        )
    counts = queries.holder_counts_for_removal(org, person)
    held = [r for r in queries.role_types() if r.code in queries.roles_of(org, person)]
    refusal = remove_member_refusal(
        request.user, org, person, [(r, counts.get(r.pk, 0)) for r in held]
    )
    return render(
        request,
        "registry/confirm_remove_member.html",
        {
            "org": org,
            "person": person,
            "roles": [r.code for r in held],
            "refusal": refusal,
            "back": back,
        },
    )


@require_http_methods(["GET", "POST"])
@reauth_required
def register_person(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    role_type = get_role_type(request.GET["role"]) if request.GET.get("role") else None
    searched = (request.GET.get("q") or request.POST.get("searched") or "").strip()
    if not searched:
        messages.info(
            request, _("Search for the person first, so that nobody is registered twice.")
        )
        if role_type is not None:
            return redirect("registry-role-holders", org_id=org.org_id, code=role_type.code)
        return redirect("registry-by-person", org_id=org.org_id)
    similar = None
    if request.method == "POST":
        form = PersonDetailsForm(request.POST)
        try:
            person = services.register_person(
                org,
                data=request.POST.dict(),
                role_type=role_type,
                allow_similar_name=request.POST.get("confirm_similar") == "yes",
                actor=request.user,
            )
        except Invalid as exc:
            _bind_errors(form, exc)
        except DomainError as exc:
            if exc.code == "similar_person":
                similar = exc.message
            else:
                form.add_error(None, exc.message)
        else:
            if role_type is not None:
                registered = sentence(
                    _(
                        "{person} is registered with Person ID {person_id} as {role}, and "
                        "will be invited by e-mail to set up an account."
                    ),
                    person=person.full_name,
                    person_id=person.person_id,
                    role=role_type.name,
                )
            else:
                registered = sentence(
                    _(
                        "{person} is registered with Person ID {person_id}, and will be "
                        "invited by e-mail to set up an account."
                    ),
                    person=person.full_name,
                    person_id=person.person_id,
                )
            _done(request, registered)
            if role_type is not None:
                return redirect("registry-role-holders", org_id=org.org_id, code=role_type.code)
            return redirect("registry-person-roles", org_id=org.org_id, person_id=person.person_id)
    else:
        form = PersonDetailsForm()
    return render(
        request,
        "registry/register_person.html",
        {"org": org, "role": role_type, "form": form, "searched": searched, "similar": similar},
    )


# --- By Section ---------------------------------------------------------------------------


def by_section(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    refusal = manage_sections_refusal(request.user, org)
    return render(
        request,
        "registry/by_section.html",
        {
            "org": org,
            "sections": queries.sections(org),
            "can_manage": refusal is None,
            "refusal": refusal,
        },
    )


def _section_initial(section) -> dict:
    return {
        "name": section.name,
        "email": section.email,
        "phone": telephone(section.phone),
        "roles": [r.code for r in section.roles.all()],
    }


def _section_saved(section) -> str:
    change = getattr(section, "email_change", None) if section.pk else None
    if not section.email_confirmed:
        return sentence(
            _(
                "We sent a link to {email}: notices go there once someone opens it and "
                "confirms the address."
            ),
            email=section.email,
        )
    if change is not None:
        return sentence(
            _("We sent a link to {new}; notices go to {old} until it is confirmed."),
            new=change.new_email,
            old=section.email,
        )
    return ""


@require_http_methods(["GET", "POST"])
@reauth_required
def add_section(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    refusal = manage_sections_refusal(request.user, org)
    if refusal is not None:
        raise refusal
    form = SectionForm(request.POST or None)
    if request.method == "POST":
        data = {**request.POST.dict(), "roles": request.POST.getlist("roles")}
        try:
            section = services.create_section(org, data=data, actor=request.user)
        except DomainError as exc:
            # A refusal about a field (a name taken, a role a section cannot hold) sits
            # under that field; any other says why above the form.
            if exc.fields:
                _bind_errors(form, exc)
            else:
                _refused(request, exc)
        else:
            section.refresh_from_db()
            _done(
                request,
                sentence(
                    _("{section} is now a section of {org}."),
                    section=section.name,
                    org=org.legal_name,
                )
                + " "
                + _section_saved(section),
            )
            return redirect("registry-by-section", org_id=org.org_id)
    return render(request, "registry/section_form.html", {"org": org, "form": form})


@require_http_methods(["GET", "POST"])
@reauth_required
def edit_section(request, org_id: int, section_id: int):
    org = get_organization_for(request.user, org_id)
    section = get_section_for(request.user, org, section_id)
    refusal = manage_sections_refusal(request.user, org)
    if request.method == "POST":
        form = SectionForm(request.POST)
        data = {**request.POST.dict(), "roles": request.POST.getlist("roles")}
        try:
            section = services.update_section(section, data=data, actor=request.user)
        except DomainError as exc:
            if not exc.fields:
                _refused(request, exc)
                return redirect("registry-section", org_id=org.org_id, section_id=section.pk)
            _bind_errors(form, exc)
        else:
            section = get_section_for(request.user, org, section.pk)
            _done(
                request,
                sentence(_("{section} has been saved."), section=section.name)
                + " "
                + _section_saved(section),
            )
            return redirect("registry-by-section", org_id=org.org_id)
    else:
        form = SectionForm(initial=_section_initial(section))
    return render(
        request,
        "registry/section_form.html",
        {
            "org": org,
            "section": section,
            "form": form,
            "email_change": getattr(section, "email_change", None),
            "can_manage": refusal is None,
            "refusal": refusal,
        },
    )


@require_http_methods(["GET", "POST"])
@reauth_required
def remove_section(request, org_id: int, section_id: int):
    org = get_organization_for(request.user, org_id)
    section = get_section_for(request.user, org, section_id)
    section_page = reverse("registry-section", args=[org.org_id, section.pk])
    back = next_within(request, org, section_page)
    if request.method == "POST":
        try:
            services.delete_section(section, actor=request.user)
        except DomainError as exc:
            _refused(request, exc)
            return redirect(back)
        _done(
            request,
            sentence(
                _("{section} is no longer a section of {org}."),
                section=section.name,
                org=org.legal_name,
            ),
        )
        return redirect(
            back if back != section_page else reverse("registry-by-section", args=[org.org_id])
        )
    return render(
        request,
        "registry/confirm_remove_section.html",
        {
            "org": org,
            "section": section,
            "refusal": manage_sections_refusal(request.user, org),
            "back": back,
        },
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def confirm_section_email(request, token: str):
    """The link sent to a section's shared address (nobody signs in: whoever reads the
    mailbox confirms it). GET shows what confirming does (a mail scanner that opens the link
    changes nothing), POST confirms."""
    done = None
    if request.method == "POST":
        try:
            done = services.confirm_section_email(token, actor=request.user)
        except DomainError as exc:
            _refused(request, exc)
    change = services.pending_section_email(token) if done is None else None
    response = render(
        request,
        "registry/confirm_section_email.html",
        {"change": change, "done": done},
        status=200 if change is not None or done is not None else 404,
    )
    response["Referrer-Policy"] = "no-referrer"
    return response


def _warnings(user, org: Organization, warnings) -> list:
    return [w.for_user(user, org) for w in warnings]


def _safe_next(url: str, org: Organization) -> str:
    """Only redirect within this organization's pages."""
    prefix = reverse("registry-organization", kwargs={"org_id": org.org_id})
    return url if url.startswith(prefix) else prefix
