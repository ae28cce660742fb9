"""Fixtures for the single sign-on tests."""

import pytest

from oidc.tests.flows import Client, register
from systems.models import InformationSystem
from systems.services import grant_access


@pytest.fixture
def metering(personas) -> Client:
    return register("metering", actor=personas.staff)


@pytest.fixture
def grant_metering(personas):
    """Erin may read Northwind's metering data (granted by Dave, its Rights Administrator)."""
    return grant_access(
        personas.northwind,
        personas.person("erin"),
        InformationSystem.objects.get(code="metering"),
        level="read",
        actor=personas.dave,
    )
