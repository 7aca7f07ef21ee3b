"""The lab's fixtures: its equipment, people, and a team staff have confirmed."""

import pytest

from incubators.lab import demo
from tests.lab.helpers import confirm_team
from tests.people import create_applicant, create_staff
from tests.portal.conftest import make_applicant, mfa_staff  # noqa: F401


@pytest.fixture
def equipment(catalogue):
    """The three pieces the document names, with the default hours (09:00–18:00, 60 minutes, Mon–Fri)."""
    return demo.create()


@pytest.fixture
def approver(db):
    return create_staff("lab-approver", "approver")


@pytest.fixture
def team_member(db, approver):
    applicant = create_applicant("member@example.com")
    confirm_team(applicant, approver)
    return applicant
