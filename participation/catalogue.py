"""The participation types the operator starts with (issue 17); staff add and change them in the
back office (Participation types). Used by the data migration and by `seed_demo` (which
restores them after a test flush)."""

from decimal import Decimal

MARKET_PARTICIPANT = "market-participant"

# code, name, kind, instructions, extra (fields / fee_amount / roles / condition)
MARKET_PARTICIPANT_REQUIREMENTS = [
    (
        "application-fee",
        "Market registration application fee",
        "fee",
        "Pay the application fee through the operator's payment processor; operator staff "
        "record it here when it is received and e-mail the receipt.",
        {"fee_amount": Decimal("1130.00")},
    ),
    (
        "energy-board-licence",
        "Energy-board licence",
        "document",
        "Upload the organization's licence from the provincial energy board.",
        {},
    ),
    (
        "national-energy-permit",
        "National Energy Permit",
        "document",
        "Upload the permit issued for trading or exporting energy.",
        {"condition": "Will the organization trade or export energy?"},
    ),
    (
        "prudential-support",
        "Prudential support",
        "document",
        "Upload the letter of credit or guarantee that secures the organization's market "
        "obligations.",
        {},
    ),
    (
        "bank-account",
        "Canadian bank account details",
        "form",
        "The Canadian account the operator's settlement payments go to and come from.",
        {
            "fields": [
                {"name": "bank_name", "label": "Bank name", "max_length": 200},
                {"name": "institution_number", "label": "Institution number", "max_length": 3},
                {"name": "transit_number", "label": "Transit number", "max_length": 5},
                {"name": "account_holder", "label": "Account holder", "max_length": 200},
            ]
        },
    ),
    (
        "emergency-preparedness-plan",
        "Emergency preparedness plan",
        "document",
        "Upload the organization's emergency preparedness plan.",
        {},
    ),
    (
        "participation-contacts",
        "Participation contact roles",
        "roles",
        "The organization holds a Prudential Contact (Update Contact(s) → By Role).",
        {"roles": ["prudential_contact"]},
    ),
]

TYPES = [
    (
        MARKET_PARTICIPANT,
        "Market Participant",
        "Buy and sell electricity in the operator's wholesale market.",
        MARKET_PARTICIPANT_REQUIREMENTS,
    ),
]


def ensure_participation_types(ParticipationType, Requirement, RoleType) -> None:
    """Create the catalogue's types and requirements where missing (takes the models, for
    migrations); what staff changed since is left alone."""
    for order, (code, name, description, requirements) in enumerate(TYPES):
        ptype, made = ParticipationType.objects.get_or_create(
            code=code,
            defaults={"name": name, "description": description, "sort_order": (order + 1) * 10},
        )
        if not made:
            continue
        for position, (rcode, rname, kind, instructions, extra) in enumerate(requirements):
            extra = dict(extra)
            roles = extra.pop("roles", [])
            requirement = Requirement.objects.create(
                participation_type=ptype,
                code=rcode,
                name=rname,
                kind=kind,
                instructions=instructions,
                order=(position + 1) * 10,
                **extra,
            )
            if roles:
                requirement.roles.set(RoleType.objects.filter(code__in=roles))


# The French of the catalogue's participation types (issue 20), written where staff have not
# written their own.
FRENCH = {
    MARKET_PARTICIPANT: (
        "Participant au marché",
        "Acheter et vendre de l'électricité sur le marché de gros de l'exploitant.",
    ),
}
