"""The portal's people and applications fixtures, for the subsidy's tests too."""

from tests.portal.conftest import make_applicant, make_subsidy_application, mfa_staff  # noqa: F401
