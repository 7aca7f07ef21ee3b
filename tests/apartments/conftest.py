"""The talent apartment's fixtures: its scheme row from the catalogue, units, applicants, staff."""

import datetime

import pytest
from django.utils import timezone

from lodging.apartments.models import ApartmentApplication, Unit
from lodging.models import LodgingScheme
from portal.applications.workflow import perform
from tests.people import create_applicant, create_staff
from tests.portal.conftest import make_applicant, mfa_staff  # noqa: F401


@pytest.fixture
def scheme(db):
    return LodgingScheme.objects.get(slug="talent-apartment")


@pytest.fixture
def unit(db):
    return Unit.objects.create(
        slug="tower-a-1203",
        name_en="Tower A, flat 1203",
        name_zh_hant="A座1203室",
        name_zh_hans="A座1203室",
        market_rent=4201,
    )


@pytest.fixture
def applicant(db):
    return create_applicant("tai.man@example.com")


@pytest.fixture
def approver(db):
    return create_staff("amy", group="approver")


def soon(days=30) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def make_tenancy(db):
    """make_tenancy(applicant, unit, kind, starts_on, months) → a submitted application (via the workflow)."""

    def make(applicant, unit, *, kind=ApartmentApplication.Kind.LONG_LEASE, starts_on=None, months=3):
        application = ApartmentApplication.objects.create(
            applicant=applicant, unit=unit, kind=kind, starts_on=starts_on or soon(), months=months
        )
        perform(application, "submit", actor=applicant)
        application.refresh_from_db()
        return application

    return make
