"""Staff reach the admin only through allauth's login and only with an authenticator app (TOTP) set up."""

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.portal.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "admin:index",
    "admin:portal_application_changelist",
    "admin:subsidies_subsidyapplication_changelist",
    "admin:subsidies_subsidypayment_changelist",
    "admin:incubators_incubator_changelist",
    "admin:auth_user_changelist",
    "admin:password_change",
]


def current_code(secret: str) -> str:
    from allauth.mfa import app_settings

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def test_the_admin_login_url_sends_visitors_to_allauth_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == reverse("account_login")
    assert parse_qs(target.query)["next"] == [reverse("admin:index")]


def test_the_admin_login_ignores_a_next_url_on_another_site(client):
    response = client.get(reverse("admin:login"), {"next": "https://evil.example/"})
    target = urlsplit(response["Location"])
    assert parse_qs(target.query)["next"] == [reverse("admin:index")]


def test_the_admin_password_form_is_never_shown(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    response = client.post(reverse("admin:login"), {"username": "x", "password": "y"})
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("account_login")


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, mfa_staff, name):
    user = mfa_staff("no-totp", superuser=True, totp=False)
    client.force_login(user)

    response = client.get(reverse(name), follow=False)
    # admin page → admin login → TOTP set-up: no admin page is ever rendered.
    chain = [response]
    while response.status_code == 302 and len(chain) < 5:
        location = response["Location"]
        if location.startswith(reverse("mfa_activate_totp")):
            break
        response = client.get(location)
        chain.append(response)
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("mfa_activate_totp")
    assert all(r.status_code == 302 for r in chain)
    explained = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("authenticator app" in m for m in explained), explained


def test_a_new_staff_member_signs_in_sets_up_the_app_and_then_gets_in(client, mfa_staff):
    from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

    user = mfa_staff("new", superuser=True, totp=False)
    response = client.post(reverse("account_login"), {"login": user.email, "password": STAFF_PASSWORD})
    assert response.status_code == 302  # signed in with the password: they have no second factor yet

    response = client.get(reverse("admin:index"), follow=True)
    assert [urlsplit(url).path for url, _status in response.redirect_chain][-2:] == [
        reverse("mfa_activate_totp"),
        reverse("account_reauthenticate"),
    ]
    # allauth asks for the password again before adding an authenticator; the reason is shown there.
    assert response.status_code == 200
    assert "authenticator app" in response.content.decode()

    response = client.post(response.redirect_chain[-1][0], {"password": STAFF_PASSWORD})
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")  # recovery codes come with it
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_transition_post_is_refused_to_staff_without_an_authenticator(
    client, mfa_staff, make_applicant, make_subsidy_application
):
    application = make_subsidy_application(make_applicant(), "in_review")
    client.force_login(mfa_staff("no-totp", groups=["approver"], totp=False))
    response = client.post(
        reverse("admin:portal_application_transition", args=[application.pk]),
        {"action": "approve", "expected_status": "in_review"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "in_review"


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_staff_with_an_authenticator_open_the_admin(client, mfa_staff, name):
    client.force_login(mfa_staff("boss", superuser=True))
    assert client.get(reverse(name)).status_code == 200


def test_removing_the_authenticator_closes_the_admin_again(client, mfa_staff):
    user = mfa_staff("boss", superuser=True)
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 200
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    assert client.get(reverse("admin:index")).status_code == 302


def test_recovery_codes_alone_do_not_open_the_admin(client, mfa_staff):
    user = mfa_staff("boss", superuser=True)
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.parametrize("name", ["admin:index", "admin:login", "admin:portal_application_changelist"])
def test_people_who_are_not_staff_never_get_in(client, django_user_model, name):
    user = django_user_model.objects.create_user(
        username="a@example.com", email="a@example.com", password="x"
    )
    client.force_login(user)
    response = client.get(reverse(name), follow=True)
    assert response.status_code == 403
    assert b"site administration" not in response.content.lower()


def test_an_inactive_staff_member_never_gets_in(client, mfa_staff):
    user = mfa_staff("gone", superuser=True)
    user.is_active = False
    user.save()
    client.force_login(user)  # as if their session outlived the deactivation
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert urlsplit(response["Location"]).path == reverse("account_login")


def test_allauth_login_asks_for_the_code_then_opens_the_admin(client, mfa_staff):
    user = mfa_staff("boss", superuser=True)
    admin_url = reverse("admin:portal_application_changelist")

    response = client.get(admin_url, follow=True)
    login_url = response.redirect_chain[-1][0]
    assert urlsplit(login_url).path == reverse("account_login")
    response = client.post(login_url, {"login": user.email, "password": STAFF_PASSWORD})
    # The password alone is not enough: allauth asks for the authenticator code.
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("mfa_authenticate")
    assert client.get(admin_url).status_code == 302  # not signed in yet

    response = client.post(
        reverse("mfa_authenticate"),
        {"code": "000000" if current_code(user.totp_secret) != "000000" else "111111"},
    )
    assert response.status_code == 200  # wrong code: the form again
    assert client.get(admin_url).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(user.totp_secret)})
    assert response.status_code == 302
    assert response["Location"] == admin_url
    assert client.get(admin_url).status_code == 200


def staff_link(response):
    from tests.markup import parse

    nav = parse(response.content).find("nav", class_="account-nav")
    # /<language>/admin/, in the page's language.
    return [a for a in nav.find_all("a") if re.fullmatch(r"/[\w-]+/admin/", a.attrs.get("href", ""))]


@pytest.mark.parametrize("totp", [True, False], ids=["with an authenticator", "not set up yet"])
def test_after_signing_in_staff_see_a_link_to_the_staff_area(client, mfa_staff, totp):
    user = mfa_staff("rita", groups=["reviewer"], totp=totp)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": STAFF_PASSWORD}, follow=True
    )
    if totp:  # the second step of the sign-in
        response = client.post(
            reverse("mfa_authenticate"), {"code": current_code(user.totp_secret)}, follow=True
        )
    assert response.wsgi_request.user == user
    response = client.get(reverse("home"))
    links = staff_link(response)
    assert [link.text for link in links] == ["Staff area"]
    # Following it opens the admin, or first asks for the authenticator app.
    target = client.get(reverse("admin:index"), follow=True).redirect_chain
    if totp:
        assert target == []
    else:
        assert reverse("mfa_activate_totp") in [urlsplit(url).path for url, _status in target]


def test_applicants_see_no_staff_link(client, make_applicant):
    client.force_login(make_applicant("amy"))
    response = client.get("/zh-hant/")
    assert staff_link(response) == []
    assert "職員專區" not in response.content.decode()


def test_the_staff_link_reads_in_the_staff_members_language(client, mfa_staff):
    client.force_login(mfa_staff("rita", groups=["reviewer"]))
    assert [a.text for a in staff_link(client.get("/zh-hant/"))] == ["職員專區"]
    assert [a.text for a in staff_link(client.get("/zh-hans/"))] == ["职员专区"]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "sign in"),
        ("applicant", 403),
        ("staff without an authenticator", "set up"),
        ("staff without the permission", 403),
        ("verified staff with the permission", 200),
    ],
)
def test_staff_required_lets_in_only_verified_staff(rf, mfa_staff, make_applicant, who, expected):
    """The decorator for staff-only views outside the admin, on the same rule as the admin."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse

    from portal.admin.access import staff_required

    @staff_required("subsidies.mark_paid")
    def payments(request):
        return HttpResponse("payments")

    users = {
        "anonymous": lambda: AnonymousUser(),
        "applicant": lambda: make_applicant("amy"),
        "staff without an authenticator": lambda: mfa_staff("d", groups=["data manager"], totp=False),
        "staff without the permission": lambda: mfa_staff("r", groups=["reviewer"]),
        "verified staff with the permission": lambda: mfa_staff("d", groups=["data manager"]),
    }
    request = rf.get("/en/payments/")
    request.user = users[who]()
    request.session = {}
    request._messages = FallbackStorage(request)
    if expected == 403:
        with pytest.raises(PermissionDenied):
            payments(request)
        return
    response = payments(request)
    if expected == 200:
        assert response.content == b"payments"
    elif expected == "sign in":
        assert urlsplit(response["Location"]).path == reverse("account_login")
    else:
        assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("action", ["mark_paid", "export_csv", "export_xlsx"])
def test_payment_actions_and_exports_are_refused_to_staff_without_an_authenticator(
    client, mfa_staff, make_applicant, make_subsidy_application, action
):
    """The data manager's own work (mark months paid, export the bank details) needs the second factor too."""
    from subsidies.models import SubsidyPayment

    make_subsidy_application(make_applicant(), "approved")
    payments = list(SubsidyPayment.objects.values_list("pk", flat=True))
    assert payments
    client.force_login(mfa_staff("dana", groups=["data manager"], totp=False))
    response = client.post(
        reverse("admin:subsidies_subsidypayment_changelist"),
        {"action": action, "_selected_action": payments},
        follow=True,
    )
    assert urlsplit(response.redirect_chain[0][0]).path == reverse("admin:login")
    assert reverse("mfa_activate_totp") in [urlsplit(url).path for url, _status in response.redirect_chain]
    assert "attachment" not in response.get("Content-Disposition", "")
    assert not SubsidyPayment.objects.filter(paid_at__isnull=False).exists()
