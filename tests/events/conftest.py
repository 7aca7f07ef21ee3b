"""People and events for the events' tests."""

import pytest

from tests.events.world import make_event, register
from tests.people import create_applicant
from tests.portal.conftest import mfa_staff  # noqa: F401


@pytest.fixture
def make_applicant(db):
    """make_applicant("wing") → an applicant ready to apply: full profile and every consent given."""
    return lambda name="applicant": create_applicant(f"{name}@example.com")


@pytest.fixture
def event(db):
    # Today, so its tickets can be checked in now.
    return make_event("study-tour", days=0, seats=2)


@pytest.fixture
def registered(make_applicant, event):
    """A confirmed registration of an applicant's, with its ticket code."""
    return register(make_applicant("wing"), event)


@pytest.fixture
def door(mfa_staff):  # noqa: F811
    """A reviewer with an authenticator app: the person checking tickets at the door."""
    return mfa_staff("door", groups=["reviewer"])
