"""The portal's people fixtures, and a course with a session to enrol on."""

import pytest

from tests.courses.world import make_course, make_session
from tests.portal.conftest import make_applicant, mfa_staff  # noqa: F401


@pytest.fixture
def course(db):
    return make_course()


@pytest.fixture
def session(course):
    return make_session(course, seats=2)
