"""Fixtures shared by every test.

The real catalogue (portal/catalogue/catalogue.yaml, through the real loader) is loaded once per
session into the test database; each `db` test runs inside a transaction that is rolled back,
so every test starts from the seeded catalogue. Tests that need an empty catalogue ask for
`empty_catalogue`; transactional tests (which empty the database afterwards) ask for `catalogue`.
"""

import pytest
from django.utils import translation

from incubators.models import FieldOfWork, Incubator
from lodging.models import LodgingScheme
from portal.catalogue.seed import load_file
from programs.models import Audience, Programme
from subsidies.models import SubsidyScheme
from tests.markup import parse
from tests.people import reset_hkids


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_file()


@pytest.fixture(autouse=True)
def _first_applicant_is_a1234563():
    reset_hkids()


@pytest.fixture
def catalogue(db):
    """The seeded catalogue; loaded again when a transactional test has emptied the database."""
    if not Incubator.objects.exists():
        load_file()


@pytest.fixture
def empty_catalogue(db):
    """No catalogue rows at all (the deletions are rolled back with the test's transaction)."""
    # Children go with their parents (on_delete=CASCADE).
    for model in (SubsidyScheme, LodgingScheme, Programme, Audience, Incubator, FieldOfWork):
        model.objects.all().delete()


@pytest.fixture
def page(client):
    """GET a URL and return it parsed, after checking it answered 200."""

    def get(url, **extra):
        response = client.get(url, **extra)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        return parse(response.content)

    return get


@pytest.fixture
def superuser(db, django_user_model):
    """A superuser as staff really are: verified email and an authenticator app (TOTP) set up."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    email = "superuser@staff.example"
    user = django_user_model.objects.create_superuser(username=email, email=email, password="not-used-2026-x")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    TOTP.activate(user, generate_totp_secret())
    RecoveryCodes.activate(user)
    return user


@pytest.fixture
def admin_client_mfa(client, superuser):
    """A client signed in as a superuser who has passed the second step, the way staff reach the admin.

    This is the one place that knows how staff get into the admin (the admin site only lets in
    staff with an authenticator app; tests/portal/test_mfa.py goes through the real login once).
    If signing in starts to demand more (a fresh second step per session, say), adapt it here.
    """
    client.force_login(superuser)
    return client


def pytest_configure(config):
    # Tests run without collectstatic, so whitenoise finds no STATIC_ROOT; it serves through the finders.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Real hashing costs ~0.3 s a user; tests that create many users would crawl."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Messages made outside a request (model validation, reverse()) read in English in tests.

    The portal's default language is Traditional Chinese; pages under /zh-hant/ and /zh-hans/
    are still rendered in their language, since each request activates its own.
    """
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def private_media(tmp_path, settings):
    """Uploads go to a fresh folder per test, never to the developer's private-media."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT
