"""Students, staff and posts for the internship posts' tests."""

import pytest

from tests.people import create_applicant, create_staff
from tests.portal.conftest import mfa_staff  # noqa: F401
from tests.posts.world import make_post, make_student


@pytest.fixture
def student(db):
    """student("wing") → a Hong Kong university student ready to apply (profile and consents)."""
    return lambda name="student": make_student(create_applicant(f"{name}@example.com"))


@pytest.fixture
def approver(db):
    return create_staff("offerer", group="approver")


@pytest.fixture
def post(db):
    return make_post("robotics-intern", places=1)
