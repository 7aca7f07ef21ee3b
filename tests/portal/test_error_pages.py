"""The portal's own 400, 403, 404 and 500 pages: in the visitor's language, in the portal's design,
with DEBUG off (as in production), under /admin/ too; the 500 page with the database out of reach."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import connections
from django.test import Client
from django.urls import path

from portal import urls as portal_urls
from tests.markup import parse
from tests.people import create_applicant

pytestmark = pytest.mark.django_db


def broken(request):
    raise RuntimeError("a bug")


def suspicious(request):
    raise SuspiciousOperation("tampered")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("boom/", broken),
    path("suspicious/", suspicious),
    path("forbidden/", forbidden),
    *portal_urls.urlpatterns,
]
handler400 = "portal.site.views.bad_request"
handler403 = "portal.site.views.permission_denied"
handler404 = "portal.site.views.page_not_found"
handler500 = "portal.site.views.server_error"


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    return settings


def heading(response) -> str:
    return parse(response.content).find("h1").text.strip()


@pytest.mark.parametrize(
    ("url", "language", "expected"),
    [
        ("/zh-hant/no-such-page/", "zh-hant", "找不到網頁"),
        ("/en/no-such-page/", "en", "Page not found"),
        ("/zh-hans/no-such-page/", "zh-hans", "找不到网页"),
        ("/en/programmes/no-such-programme/", "en", "Page not found"),
        ("/zh-hant/applications/FT-2026-999999/", "zh-hant", "找不到網頁"),
    ],
)
def test_a_missing_page_is_the_portals_404_in_the_visitors_language(
    client, production, url, language, expected
):
    if "/applications/" in url:
        client.force_login(create_applicant("amy@example.com"))
    response = client.get(url)
    assert response.status_code == 404
    page = parse(response.content)
    assert page.find("html").attrs["lang"] == language
    assert heading(response) == expected
    assert page.find("header", class_="site-header") is not None  # the portal's own header and nav
    assert page.find("a", href=f"/{language}/") is not None


def test_a_missing_admin_page_is_the_portals_404(admin_client_mfa, production):
    response = admin_client_mfa.get("/zh-hant/admin/portal/no-such-model/")
    assert response.status_code == 404
    assert heading(response) == "找不到網頁"
    assert b"Django" not in response.content


def test_a_missing_admin_object_for_staff_is_the_portals_404(admin_client_mfa, production):
    response = admin_client_mfa.get("/en/admin/r/999999/1/")
    assert response.status_code == 404
    assert heading(response) == "Page not found"


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("url", "status", "expected"),
    [
        ("/zh-hant/forbidden/", 403, "沒有權限"),
        ("/en/forbidden/", 403, "Not allowed"),
        ("/zh-hant/suspicious/", 400, "無法理解這個請求"),
        ("/en/suspicious/", 400, "Request not understood"),
    ],
)
def test_refusals_are_the_portals_pages(client, production, url, status, expected):
    response = client.get(
        url.replace("/zh-hant/", "/").replace("/en/", "/"), HTTP_ACCEPT_LANGUAGE=url.split("/")[1]
    )
    assert response.status_code == status
    assert heading(response) == expected


def test_a_non_staff_user_in_the_admin_gets_the_portals_403(client, production):
    client.force_login(create_applicant("amy@example.com"))
    response = client.get("/zh-hant/admin/login/")
    assert response.status_code == 403
    assert heading(response) == "沒有權限"


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hant", "出了問題"), ("en", "Something went wrong"), ("zh-hans", "出了问题")],
)
def test_the_500_page_needs_no_database(production, django_db_blocker, language, expected):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)

    def refuse(*args, **kwargs):
        raise AssertionError("the 500 page touched the database")

    with django_db_blocker.block():
        for connection in connections.all():
            connection.ensure_connection = refuse
        try:
            response = client.get("/boom/")
        finally:
            for connection in connections.all():
                del connection.ensure_connection
    assert response.status_code == 500
    page = parse(response.content)
    assert page.find("html").attrs["lang"] == language
    assert heading(response) == expected
    assert page.find("link", rel="stylesheet") is not None  # the portal's design, from its own CSS


def test_a_disallowed_host_still_gets_a_400_page(client, production):
    response = client.get("/en/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert heading(response) == "Request not understood"


def test_a_form_with_an_expired_csrf_token_gets_the_portals_403_with_the_reason(production):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/zh-hant/accounts/login/", {"login": "amy@example.com", "password": "x"})
    assert response.status_code == 403
    page = parse(response.content)
    assert heading(response) == "沒有權限"
    assert page.find(cls="notice").text == (
        "這份表格開啟太久，或由其他網站傳送，所以未被接受。請返回上一頁，重新載入，然後再傳送。"
    )
