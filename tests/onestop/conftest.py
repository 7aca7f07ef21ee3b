"""The one-stop office's fixtures: its people, and its seeded steps."""

import pytest

from tests.onestop.helpers import ensure_steps
from tests.people import create_applicant, create_staff
from tests.portal.conftest import make_applicant, mfa_staff  # noqa: F401


@pytest.fixture
def steps(db):
    ensure_steps()


@pytest.fixture
def applicant(db):
    return create_applicant("onestop@example.com")


@pytest.fixture
def officer(db):
    """Office staff who review requests and record their steps (the reviewer role)."""
    return create_staff("onestop-officer", "reviewer")


@pytest.fixture
def approver(db):
    return create_staff("onestop-approver", "approver")
