"""Residency's fixtures: a team lead with a complete profile and a team, signed in; an approver."""

import pytest

from tests.people import create_applicant, create_staff
from tests.portal.conftest import mfa_staff  # noqa: F401
from tests.teams.world import make_team


@pytest.fixture
def lead(db):
    return create_applicant("lead@example.com", name_zh="李家明", name_en="Lee Ka Ming")


@pytest.fixture
def team(lead):
    return make_team(lead)


@pytest.fixture
def signed_in(client, lead):
    client.force_login(lead)
    return client


@pytest.fixture
def approver(db):
    return create_staff("residency-approver", "approver")
