"""Real-browser fixtures: one headless Chromium per session, a seeded live server, phone and desktop pages.

Playwright's own browser downloads are unavailable here (and from mainland China), so the tests drive
Debian's Chromium. Without it they skip locally and fail in CI (CI or REQUIRE_BROWSER set).
"""

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
# The narrowest phone the portal supports.
NARROW = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def _browser_required() -> bool:
    flags = (os.environ.get(name, "").lower() for name in ("CI", "REQUIRE_BROWSER"))
    return any(flag not in {"", "0", "false", "no"} for flag in flags)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"browser tests need Debian's Chromium at {CHROMIUM} (`make chromium` installs it)"
        if _browser_required():
            pytest.fail(f"{reason}; CI or REQUIRE_BROWSER is set, so this fails instead of skipping")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db, settings):
    """The live server's base URL, with the catalogue loaded into its database.

    The server thread sees only committed rows, hence transactional_db; the database is
    emptied after each test, so each test seeds it again.
    """
    # No collectstatic in tests, so no manifest to look hashed names up in: serve files as they are.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from portal.seed import load_file

    load_file()
    return live_server.url


def _new_page(browser, options):
    context = browser.new_context(locale="zh-HK", **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    yield from _new_page(browser, PHONE)


@pytest.fixture
def desktop(browser):
    yield from _new_page(browser, DESKTOP)


@pytest.fixture
def narrow(browser):
    yield from _new_page(browser, NARROW)


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: str  # after the language prefix

    def url(self, base: str, language: str) -> str:
        return f"{base}/{language}/{self.path}"


@pytest.fixture
def public_pages(site) -> list[PublicPage]:
    """Every page a visitor reaches without signing in, with the calculator's result and error states."""
    from incubators.models import Incubator
    from programs.models import Programme

    incubators = Incubator.objects.published().values_list("slug", flat=True)
    programmes = Programme.objects.published().values_list("slug", flat=True)
    pages = [
        PublicPage("home", ""),
        PublicPage("incubator-list", "incubators/"),
        *(PublicPage(f"incubator-{slug}", f"incubators/{slug}/") for slug in incubators),
        PublicPage("programme-list", "programmes/"),
        PublicPage("programme-list-filtered", "programmes/?category=training&open_now=on"),
        *(PublicPage(f"programme-{slug}", f"programmes/{slug}/") for slug in programmes),
        PublicPage("subsidy", "subsidies/"),
        PublicPage("subsidy-result", "subsidies/?degree=master&months=3"),
        PublicPage("subsidy-error", "subsidies/?degree=master&months=0"),
        PublicPage("lodging", "lodging/"),
        PublicPage("contact", "contact/"),
        PublicPage("privacy", "privacy/"),
    ]
    # The list follows the catalogue; these pages must never silently drop out of it.
    names = {page.name for page in pages}
    assert {"incubator-workshop", "incubator-community-7plus"} <= names
    assert {"programme-training", "programme-city-integration"} <= names
    return pages


@pytest.fixture
def visit():
    """visit(page, url) loads url and fails on anything but a 200, which the other checks would not notice."""

    def visit(page, url: str):
        response = page.goto(url)
        status = response.status if response else None
        assert status == 200, f"{url} answered {status}"
        return response

    return visit
