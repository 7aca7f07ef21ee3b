"""The transit station's fixtures: the station, a team lead, and an approver."""

import pytest

from incubators.teams.models import Team
from incubators.transit import demo
from tests.people import create_applicant, create_staff
from tests.portal.conftest import make_applicant, mfa_staff  # noqa: F401


@pytest.fixture
def station(catalogue):
    """The "7+" community's station with the defaults: 10 desks, 6 months, a reminder 30 days before."""
    return demo.create()


@pytest.fixture
def approver(db):
    return create_staff("transit-approver", "approver")


@pytest.fixture
def lead(db):
    return create_applicant("lead@example.com")


@pytest.fixture
def team(lead):
    return Team.objects.create(name="Harbour Robotics", lead=lead)
