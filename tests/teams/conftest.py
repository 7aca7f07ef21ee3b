"""The teams' fixtures: a lead with a complete profile, signed in."""

import pytest

from tests.people import create_applicant
from tests.portal.conftest import mfa_staff  # noqa: F401


@pytest.fixture
def lead(db):
    return create_applicant("lead@example.com", name_zh="李家明", name_en="Lee Ka Ming")


@pytest.fixture
def signed_in(client, lead):
    client.force_login(lead)
    return client
