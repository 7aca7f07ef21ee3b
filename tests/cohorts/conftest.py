"""The portal's people fixtures, and an open cohort with a rubric."""

import pytest

from tests.cohorts.world import make_cohort
from tests.people import create_staff
from tests.portal.conftest import make_applicant, mfa_staff  # noqa: F401


@pytest.fixture
def cohort(db):
    return make_cohort("spring", awards=2)


@pytest.fixture
def approver(db):
    return create_staff("cohort-approver", "approver")
