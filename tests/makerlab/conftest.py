"""The maker labs' fixtures: the two labs and an approver."""

import pytest

from incubators.makerlab import demo
from tests.people import create_staff
from tests.portal.conftest import make_applicant, mfa_staff  # noqa: F401


@pytest.fixture
def labs(catalogue):
    """The two labs the document names, with the default hours (10:00–18:00, 2-hour slots, Mon–Fri)."""
    return demo.create()


@pytest.fixture
def approver(db):
    return create_staff("makerlab-approver", "approver")
