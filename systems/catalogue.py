"""The operator's information systems in the demo data (contract.md). Staff add more."""

SYSTEMS = [
    # code, name, levels (least to most powerful), open to all members, description
    (
        "mpi",
        "Market Participant Interface",
        ["read", "submit"],
        False,
        "Submit dispatch data, bids and offers, and view market results.",
    ),
    (
        "settlements",
        "Settlement Statements",
        ["read", "dispute"],
        False,
        "Preliminary and final settlement statements, invoices and disputes.",
    ),
    (
        "metering",
        "Metering Data",
        ["read", "submit"],
        False,
        "Revenue metering data for the organization's delivery points.",
    ),
]


def ensure_systems() -> None:
    """Create the demo systems where missing; never overwrites what staff changed."""
    from systems.models import InformationSystem

    for order, (code, name, levels, open_to_all, description) in enumerate(SYSTEMS):
        InformationSystem.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "levels": levels,
                "open_to_all": open_to_all,
                "description": description,
                "sort_order": (order + 1) * 10,
            },
        )


# The French of the demo systems (issue 20), written where staff have not written their own.
FRENCH = {
    "mpi": (
        "Interface des participants au marché",
        "Soumettre les données de répartition et les offres, et consulter les résultats du marché.",
    ),
    "settlements": (
        "Relevés de règlement",
        "Relevés de règlement préliminaires et définitifs, factures et contestations.",
    ),
    "metering": (
        "Données de mesurage",
        "Données de mesurage aux fins de facturation pour les points de livraison de "
        "l'organisation.",
    ),
}
