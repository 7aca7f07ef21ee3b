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


@pytest.fixture
def verified_staff(db, django_user_model):
    """verified_staff("rita", "reviewer") → staff in that role with an authenticator app, as the
    admin requires (tests/portal/conftest.py's mfa_staff, for this package)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.models import Group

    def make(name, *groups):
        email = f"{name}@staff.example"
        user = django_user_model.objects.create_user(username=email, email=email, is_staff=True)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        user.groups.add(*Group.objects.filter(name__in=groups))
        TOTP.activate(user, generate_totp_secret())
        RecoveryCodes.activate(user)
        return user

    return make
