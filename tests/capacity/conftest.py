"""What the capacity tests share: applications to hold places for, and things that have places.

The capacity mechanism does not care what an application is for or what a place belongs to, so
these are bare `portal.Application` rows and catalogue rows standing in for a session or a room.
"""

import pytest
from django.apps import apps

from tests.factories import FacilityFactory, ProgrammeFactory


@pytest.fixture
def applications(db):
    """applications(3) → three new applications, made in one query."""
    Application = apps.get_model("portal", "Application")

    def make(count):
        return Application.objects.bulk_create(Application(scheme="test") for _ in range(count))

    return make


@pytest.fixture
def session(db):
    """Stands for a course session or an event, whose seats are one place."""
    return ProgrammeFactory()


@pytest.fixture
def room(db):
    """Stands for a room type, with one place per night."""
    return FacilityFactory()
