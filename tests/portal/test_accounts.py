"""Accounts through allauth, in the portal's design: sign-up by code, sign-in and out, password reset
by code, changing the email address (which asks for the password again), two-step sign-in pages."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.markup import parse

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PASSWORD = "harbour-lights-2026"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # A real hasher takes most of a second per sign-in; these tests sign in a lot.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # allauth counts attempts in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(db):
    """An applicant with a verified email address, as sign-up leaves them."""
    user = get_user_model().objects.create_user(username="mei", email="mei@example.com", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, **kwargs)


def code_in(message) -> str:
    """The code in an allauth email: the line that is only the code (e.g. WQRL-JMQT)."""
    codes = re.findall(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", message.body, re.MULTILINE)
    assert len(codes) == 1, message.body
    return codes[0]


def signed_in_as(client):
    response = client.get(url("profile:detail"))
    if response.status_code != 200:
        return None
    return response.wsgi_request.user.email


def sign_in(client, email="mei@example.com", password=PASSWORD):
    response = client.post(url("account_login"), {"login": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def reauthenticate(client, password=PASSWORD):
    """Type the password again, as allauth asks before sensitive changes (even just after signing in)."""
    response = client.post(url("account_reauthenticate"), {"password": password})
    assert response.status_code == 302


def test_sign_up_by_code_from_the_email_signs_the_applicant_in(client):
    response = client.post(
        url("account_signup"), {"email": "Wing@Example.com", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == url("account_email_verification_sent")
    assert signed_in_as(client) is None
    [message] = mail.outbox
    assert message.to == ["wing@example.com"]
    assert "Futian HK & Macau Youth Portal" in message.body
    assert "example.com!" not in message.body  # not the default Site's name

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert parse(page.content).find("input", name="code")

    response = client.post(url("account_email_verification_sent"), {"code": code_in(message)})
    assert response.status_code == 302
    assert signed_in_as(client) == "wing@example.com"
    assert EmailAddress.objects.get(email="wing@example.com").verified


def test_a_wrong_code_is_refused_next_to_the_field(client):
    client.post(
        url("account_signup"), {"email": "wing@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )
    response = client.post(url("account_email_verification_sent"), {"code": "AAAA-AAAA"})
    assert response.status_code == 200
    field = parse(response.content).find("input", name="code").parent
    assert field.find("p", cls="error").text
    assert signed_in_as(client) is None
    assert not EmailAddress.objects.get(email="wing@example.com").verified


def test_sign_in_and_sign_out(client, member):
    response = client.post(url("account_login"), {"login": "MEI@example.com", "password": "wrong password"})
    assert response.status_code == 200
    assert parse(response.content).find(cls="form-errors").text
    assert signed_in_as(client) is None

    sign_in(client)
    assert signed_in_as(client) == "mei@example.com"
    page = parse(client.get(url("home")).content)
    nav = page.find("nav", cls="account-nav")
    sign_out = nav.find("form")
    assert sign_out.attrs["method"] == "post"
    assert sign_out.attrs["action"] == url("account_logout")
    assert sign_out.find("input", name="csrfmiddlewaretoken")

    response = client.post(url("account_logout"), {"next": url("home")})
    assert response.status_code == 302
    assert signed_in_as(client) is None


def test_signing_out_needs_a_post(client, member):
    sign_in(client)
    client.get(url("account_logout"))
    assert signed_in_as(client) == "mei@example.com"


def test_anonymous_pages_offer_sign_in_and_set_no_cookie(client):
    response = client.get(url("home"))
    assert not response.cookies
    nav = parse(response.content).find("nav", cls="account-nav")
    assert nav.links() == [url("account_login")]
    assert not nav.find_all("form")


def test_password_reset_by_code(client, member):
    response = client.post(url("account_reset_password"), {"email": "mei@example.com"})
    assert response.status_code == 302
    [message] = mail.outbox
    response = client.post(url("account_confirm_password_reset_code"), {"code": code_in(message)})
    assert response.status_code == 302
    new_password = "new-harbour-lights-2027"
    response = client.post(response["Location"], {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    client.logout()

    response = client.post(url("account_login"), {"login": "mei@example.com", "password": PASSWORD})
    assert response.status_code == 200  # the old password no longer works
    sign_in(client, password=new_password)
    assert signed_in_as(client) == "mei@example.com"


def test_password_reset_for_an_unknown_address_says_nothing_about_accounts(client, member):
    response = client.post(url("account_reset_password"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert response["Location"] == url("account_confirm_password_reset_code")


def test_changing_the_email_address_asks_for_the_password_again(client, member):
    client.force_login(member)  # signed in, but not just now
    response = client.post(url("account_email"), {"action_add": "", "email": "mei.new@example.com"})
    assert response.status_code == 302
    assert response["Location"].startswith(url("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="mei.new@example.com").exists()

    response = client.post(url("account_reauthenticate"), {"password": "wrong password"})
    assert response.status_code == 200
    assert not EmailAddress.objects.filter(email="mei.new@example.com").exists()

    # With the password, allauth carries on with the change it interrupted: a code goes to the new address.
    response = client.post(
        url("account_reauthenticate"), {"password": PASSWORD, "next": url("account_email")}
    )
    assert response.status_code == 302
    assert response["Location"] == url("account_email_verification_sent")
    [message] = mail.outbox
    assert message.to == ["mei.new@example.com"]
    # The address in use does not change until the new one is confirmed.
    assert EmailAddress.objects.get_primary(member).email == "mei@example.com"

    response = client.post(url("account_email_verification_sent"), {"code": code_in(message)})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "mei.new@example.com"
    assert EmailAddress.objects.get_primary(member).email == "mei.new@example.com"


def applicant_pages():
    return [
        "account_email",
        "account_change_password",
        "account_logout",
        "account_reauthenticate",
        "mfa_index",
        "mfa_activate_totp",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_entrance_pages_are_in_the_portal_design_in_every_language(client, language, name):
    response = client.get(url(name, language))
    assert response.status_code == 200
    page = parse(response.content)
    assert page.find("html").attrs["lang"] == language
    assert page.find("header", cls="site-header").find("nav", cls="account-nav")
    assert page.find("nav", cls="lang-switch")
    assert len(page.find_all("h1")) == 1
    form = page.find("form", cls="account-form")
    # Every visible input has a label naming it.
    labels = {label.attrs.get("for") for label in form.find_all("label")}
    for field in form.find_all("input"):
        if field.attrs.get("type") not in {"hidden", "checkbox"}:
            assert field.attrs["id"] in labels


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", applicant_pages())
def test_account_pages_are_in_the_portal_design_in_every_language(client, member, language, name):
    sign_in(client)
    reauthenticate(client)  # so the pages that ask for the password again open at once
    response = client.get(url(name, language))
    assert response.status_code == 200, response.get("Location")
    page = parse(response.content)
    assert page.find("html").attrs["lang"] == language
    assert page.find("nav", cls="account-nav").find("form").attrs["action"] == url("account_logout", language)
    assert len(page.find_all("h1")) == 1


def test_account_settings_pages_lead_back_to_the_account_page(client, member):
    client.force_login(member)
    for name in ["account_email", "account_change_password", "mfa_index"]:
        page = parse(client.get(url(name)).content)
        assert page.find("nav", cls="breadcrumb").links()[-1] == url("profile:detail")


def test_allauth_speaks_chinese_on_chinese_pages(client):
    hant = parse(client.get(url("account_login", "zh-hant")).content).find("h1").text
    hans = parse(client.get(url("account_login", "zh-hans")).content).find("h1").text
    english = parse(client.get(url("account_login", "en")).content).find("h1").text
    assert english == "Sign In"
    assert hant not in {english, ""} and hans not in {english, ""}


def current_totp(secret: str) -> str:
    from allauth.mfa import app_settings

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def test_an_applicant_can_turn_on_two_step_sign_in_and_see_recovery_codes(client, member):
    sign_in(client)
    reauthenticate(client)
    response = client.get(url("mfa_activate_totp", "zh-hant"))
    page = parse(response.content)
    assert page.find("img", cls="qr-code").attrs["src"].startswith("data:image/svg+xml")
    secret = response.context["form"].secret
    response = client.post(url("mfa_activate_totp", "zh-hant"), {"code": current_totp(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()

    response = client.get(response["Location"])
    assert response.status_code == 200
    page = parse(response.content)
    assert page.find("header", cls="site-header")
    codes = page.find("textarea", id_="recovery_codes")
    assert len(codes.text.split()) >= 8

    # Next sign-in asks for the authenticator code, on a portal page.
    client.post(url("account_logout"))
    response = client.post(
        url("account_login", "zh-hant"), {"login": "mei@example.com", "password": PASSWORD}
    )
    assert response["Location"] == url("mfa_authenticate", "zh-hant")
    page = parse(client.get(response["Location"]).content)
    assert page.find("header", cls="site-header") and page.find("input", name="code")
    response = client.post(url("mfa_authenticate", "zh-hant"), {"code": codes.text.split()[0]})
    assert response.status_code == 302
    assert signed_in_as(client) == "mei@example.com"
