"""The registration roles the operator's guides name (domain.md); the operator may add more.
Used by the data migration and by `seed_demo` (which restores them after a test flush)."""

AR = "authorized_representative"
PC = "primary_contact"
RA = "rights_administrator"
IBC = "invoicing_banking_contact"
APPR = "applicant_representative"

ROLES = [
    # code, name, mandatory, recommended holders, managed by, description
    (
        AR,
        "Authorized Representative",
        True,
        2,
        [AR],
        "Legally represents the organization; the first one is set up by operator staff.",
    ),
    (
        PC,
        "Primary Contact",
        True,
        2,
        [PC, AR],
        "The operator's day-to-day contact; registers Rights Administrators and other "
        "Primary Contacts.",
    ),
    (
        RA,
        "Rights Administrator",
        True,
        2,
        [PC],
        "Grants and revokes access to the operator's information systems for the organization.",
    ),
    (
        IBC,
        "Invoicing and Banking Contact",
        False,
        1,
        [PC, AR],
        "Keeps the organization's banking information current.",
    ),
    (
        APPR,
        "Applicant Representative",
        False,
        1,
        [AR],
        "Drives the organization's participation applications (Manage Participation); "
        "required at all times once the organization has applied for a participation.",
    ),
    (
        "prudential_contact",
        "Prudential Contact",
        False,
        1,
        [PC, AR],
        "Contact for prudential support (credit and collateral).",
    ),
    (
        "settlement_contact",
        "Settlement Contact",
        False,
        1,
        [PC, AR],
        "Contact for settlement statements and invoices.",
    ),
    (
        "metering_contact",
        "Metering Contact",
        False,
        1,
        [PC, AR],
        "Contact for metering data and meter installations.",
    ),
    (
        "equipment_registration_specialist",
        "Equipment Registration Specialist",
        False,
        1,
        [PC, AR],
        "Registers and updates the organization's facilities and equipment.",
    ),
    (
        "emergency_preparedness_contact",
        "Emergency Preparedness Contact",
        False,
        1,
        [PC, AR],
        "Contact for emergency preparedness and restoration.",
    ),
]


# Roles whose holders only receive the operator's communications, so that a section (a shared
# mailbox) may hold them. Not the Prudential Contact (prudential support is collateral the
# organization posts and answers for, as close to deciding as banking), nor the Equipment
# Registration Specialist (registers and changes facilities): both act for the organization.
COMMUNICATIONS_ONLY = {
    "settlement_contact",
    "metering_contact",
    "emergency_preparedness_contact",
}


def ensure_role_types(RoleType) -> None:
    """Create the catalogue's role types where missing (takes the model, for migrations)."""
    by_code = {}
    # Older migrations pass a RoleType from before `communications_only` existed.
    marks = any(f.name == "communications_only" for f in RoleType._meta.get_fields())
    for order, (code, name, mandatory, recommended, _, description) in enumerate(ROLES):
        defaults = {
            "name": name,
            "mandatory": mandatory,
            "recommended_holders": recommended,
            "description": description,
            "sort_order": (order + 1) * 10,
        }
        if marks:
            defaults["communications_only"] = code in COMMUNICATIONS_ONLY
        by_code[code], _ = RoleType.objects.get_or_create(code=code, defaults=defaults)
    for code, *_, managers, _ in ROLES:
        if not by_code[code].managed_by.exists():
            by_code[code].managed_by.set([by_code[m] for m in managers])


# The French of the catalogue's role types (issue 20; docs/glossary-fr.md): written into
# `name_fr` and `description_fr` where staff have not written their own.
FRENCH = {
    AR: (
        "Représentant autorisé",
        "Représente l'organisation sur le plan juridique; le premier est inscrit par le "
        "personnel de l'exploitant.",
    ),
    PC: (
        "Personne-ressource principale",
        "La personne-ressource de l'exploitant au quotidien; inscrit les administrateurs des "
        "droits et les autres personnes-ressources principales.",
    ),
    RA: (
        "Administrateur des droits",
        "Accorde et retire, pour l'organisation, l'accès aux systèmes d'information de "
        "l'exploitant.",
    ),
    IBC: (
        "Personne-ressource pour la facturation et les services bancaires",
        "Tient à jour les renseignements bancaires de l'organisation.",
    ),
    APPR: (
        "Représentant du demandeur",
        "Mène les demandes de participation de l'organisation (Gérer la participation); "
        "obligatoire en tout temps dès que l'organisation a demandé une participation.",
    ),
    "prudential_contact": (
        "Personne-ressource pour les garanties financières",
        "Personne-ressource pour les garanties financières (crédit et sûretés).",
    ),
    "settlement_contact": (
        "Personne-ressource pour le règlement",
        "Personne-ressource pour les relevés de règlement et les factures.",
    ),
    "metering_contact": (
        "Personne-ressource pour le mesurage",
        "Personne-ressource pour les données de mesurage et les compteurs.",
    ),
    "equipment_registration_specialist": (
        "Spécialiste de l'inscription des installations",
        "Inscrit et met à jour les installations et l'équipement de l'organisation.",
    ),
    "emergency_preparedness_contact": (
        "Personne-ressource pour la préparation aux situations d'urgence",
        "Personne-ressource pour la préparation aux situations d'urgence et le rétablissement.",
    ),
}
