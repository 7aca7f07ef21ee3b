"""The error pages on a phone, as a visitor meets them: the portal's design, their language, axe-clean."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_accessibility import AXE_OPTIONS, describe

pytestmark = pytest.mark.browser


def check(page, url, status, heading, language):
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == heading
    # The portal's stylesheet is applied (not a bare browser page) and nothing is wider than the phone.
    assert page.evaluate("getComputedStyle(document.querySelector('.wrap')).maxWidth") != "none"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, describe(url, violations)


@pytest.mark.parametrize(
    ("path", "heading", "language"),
    [
        ("/zh-hant/no-such-page/", "找不到網頁", "zh-hant"),
        ("/zh-hans/programmes/no-such-programme/", "找不到网页", "zh-hans"),
        ("/en/incubators/no-such-base/", "Page not found", "en"),
    ],
)
def test_the_404_page_on_a_phone(site, phone, settings, path, heading, language):
    settings.DEBUG = False
    check(phone, site + path, 404, heading, language)
    # The way on: back to the home page in the same language.
    phone.get_by_role(
        "link", name=heading and phone.locator("main a.button").first.inner_text()
    ).first.click()
    assert phone.url == f"{site}/{language}/"


@pytest.mark.urls("tests.portal.test_error_pages")
def test_the_500_page_on_a_phone(site, phone, settings):
    settings.DEBUG = False
    phone.set_extra_http_headers({"Accept-Language": "zh-HK"})
    check(phone, site + "/boom/", 500, "出了問題", "zh-hant")


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_the_staff_link_fits_the_phone_header(site, phone, audit, sign_in_cookie, staff_with_totp, language):
    """Staff see one more link in the account bar (issue 6, point 13); it must not push the page sideways."""
    sign_in_cookie(phone, staff_with_totp("rita", groups=["reviewer"]))
    phone.goto(f"{site}/{language}/")
    link = phone.locator(".account-nav a[href$='/admin/']")
    assert link.inner_text() == {"zh-hant": "職員專區", "en": "Staff area"}[language]
    audit.check(phone, f"home as staff ({language})")
    audit.assert_clean()
    link.click()
    assert phone.url.startswith(f"{site}/{language}/admin/")
