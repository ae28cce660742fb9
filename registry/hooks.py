"""What the registry announces to the apps above it (see core/hooks.py). Each hook runs inside
the announcing service's transaction, which holds the organization lock."""

from core.hooks import Hook

person_registered = Hook(
    "person_registered",
    "(person, *, org): a person was registered as a member of org (accounts invites "
    "them to set up an account).",
)
membership_ending = Hook(
    "membership_ending",
    "(org, person, *, actor): person is about to leave org (systems revokes their access "
    "on its behalf).",
)
roles_lost = Hook(
    "roles_lost",
    "(org, person, *, actor): a role of person in org was removed (systems reviews the "
    "grants of a member left with no role).",
)
role_required = Hook(
    "role_required",
    "(org, role_type) -> bool: whether org must keep at least one holder of a role that is "
    "not mandatory everywhere (participation: the Applicant Representative once org has "
    "applied for a participation). Asked by the last-holder rule, under the organization lock.",
)
