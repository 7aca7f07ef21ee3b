"""The stations' fixtures: an applicant with every consent, signed in; room types; staff."""

import pytest

from tests.people import create_applicant
from tests.portal.conftest import mfa_staff  # noqa: F401
from tests.stations.helpers import OVERTIME, YOUTH, room_type


@pytest.fixture
def applicant(db):
    return create_applicant("ka.ming@example.com", name_zh="李家明", name_en="Lee Ka Ming")


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return client


@pytest.fixture
def hotel(db):
    """The overtime station's one hotel, with one room a night."""
    return room_type(OVERTIME, rooms=1, slug="harbour-overtime")


@pytest.fixture
def youth_room(db):
    return room_type(YOUTH, rooms=1, slug="harbour-youth", hotel="Lychee Hotel")
