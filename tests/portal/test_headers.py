"""Headers every response carries, set once in portal.site.middleware, not page by page."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.people import create_applicant

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(db):
    return create_applicant("amy@example.com")


PUBLIC = [
    "/zh-hant/",
    "/en/programmes/",
    "/en/programmes/?category=training",
    "/zh-hans/incubators/workshop/",
]
SIGNED_IN = [
    "/en/",
    "/en/programmes/",
    "/en/applications/",
    "/en/me/",
    "/en/me/profile/",
    "/en/me/data.json",
    "/en/accounts/email/",
]


@pytest.mark.parametrize(
    "url", [*PUBLIC, "/healthz", "/en/no-such-page/", "/static/css/portal.css", "/en/accounts/login/"]
)
def test_every_response_says_which_browser_features_the_portal_never_uses(client, url):
    policy = client.get(url)["Permissions-Policy"]
    features = dict(item.strip().split("=") for item in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature


@pytest.mark.parametrize("url", SIGNED_IN)
def test_a_signed_in_page_is_never_stored(client, applicant, url):
    client.force_login(applicant)
    response = client.get(url)
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "public" not in directives and not any(d.startswith("max-age=3") for d in directives)
    assert "Cookie" in response["Vary"]


def test_a_signed_in_staff_page_is_never_stored(admin_client_mfa):
    response = admin_client_mfa.get(reverse("admin:portal_application_changelist"))
    assert response.status_code == 200
    assert {"private", "no-store"} <= {d.strip() for d in response["Cache-Control"].split(",")}


@pytest.mark.usefixtures("catalogue")
@override_settings(PAGE_CACHE_SECONDS=300)
def test_an_anonymous_catalogue_page_stays_cacheable(client):
    response = client.get("/en/programmes/")
    assert "max-age=300" in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]


@pytest.mark.parametrize(
    ("settings_values", "headers", "expected"),
    [
        (
            {"ALLAUTH_TRUSTED_PROXY_COUNT": 1},
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7"},
            "203.0.113.7",
        ),
        (
            {"ALLAUTH_TRUSTED_PROXY_COUNT": 1},
            # A visitor may send their own X-Forwarded-For: only the entry the balancer added counts.
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.7"},
            "203.0.113.7",
        ),
        (
            {"ALLAUTH_TRUSTED_PROXY_COUNT": 0},
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4"},
            "10.0.0.2",
        ),
        (
            {"ALLAUTH_TRUSTED_CLIENT_IP_HEADER": "X-Real-IP"},
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_REAL_IP": "198.51.100.9"},
            "198.51.100.9",
        ),
    ],
)
def test_allauth_counts_failed_logins_per_visitor_not_per_load_balancer(
    rf, settings, settings_values, headers, expected
):
    from allauth.account.adapter import get_adapter

    for name, value in settings_values.items():
        setattr(settings, name, value)
    request = rf.get("/en/accounts/login/", **headers)
    assert get_adapter(request).get_client_ip(request) == expected


def test_the_trusted_proxy_count_comes_from_the_environment(monkeypatch):
    import importlib

    import portal.settings as configured

    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "1")
    try:
        assert importlib.reload(configured).ALLAUTH_TRUSTED_PROXY_COUNT == 1
    finally:
        monkeypatch.delenv("TRUSTED_PROXY_COUNT")
        importlib.reload(configured)
