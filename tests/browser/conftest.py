"""Real-browser fixtures: one headless Chromium per session, a seeded live server, phone and desktop pages.

Playwright's bundled browsers cannot be downloaded here (nor from mainland China), so the tests
drive Debian's Chromium. Without it they skip locally and fail in CI (CI or REQUIRE_BROWSER set).
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
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
LANGUAGES = ["zh-hant", "en", "zh-hans"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _required() -> bool:
    return any(os.environ.get(name, "").lower() not in {"", "0", "false", "no"} for name in ("CI", "REQUIRE_BROWSER"))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"browser tests need Debian's Chromium at {CHROMIUM} (`make chromium` installs it)"
        if _required():
            pytest.fail(f"{reason}; CI/REQUIRE_BROWSER is set, so this is an error, not a skip")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db, settings):
    """The live server's base URL, with the catalogue loaded into its database.

    live_server shares the test database only through committed rows, hence transactional_db;
    the database is emptied after each test, so every test seeds again (about half a second).
    """
    # Tests run without collectstatic: serve unhashed static files instead of looking up a manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from portal.seed import load_file

    load_file()
    return live_server.url


def _page(browser, **options):
    context = browser.new_context(locale="zh-HK", **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    yield from _page(browser, **PHONE)


@pytest.fixture
def desktop(browser):
    yield from _page(browser, **DESKTOP)


@pytest.fixture
def narrow(browser):
    """The narrowest phone the portal supports: 360 CSS pixels wide."""
    yield from _page(browser, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: str  # without the language prefix

    def url(self, base: str, language: str) -> str:
        return f"{base}/{language}/{self.path}"


@pytest.fixture
def public_pages(site) -> list[PublicPage]:
    """Every page a visitor can reach without signing in, incl. the calculator's result and error states."""
    from incubators.models import Incubator
    from programs.models import Programme

    pages = [PublicPage("home", ""), PublicPage("incubator-list", "incubators/")]
    pages += [PublicPage(f"incubator-{slug}", f"incubators/{slug}/")
              for slug in Incubator.objects.published().values_list("slug", flat=True)]
    pages.append(PublicPage("programme-list", "programmes/"))
    pages.append(PublicPage("programme-list-filtered", "programmes/?category=training&open_now=on"))
    pages += [PublicPage(f"programme-{slug}", f"programmes/{slug}/")
              for slug in Programme.objects.published().values_list("slug", flat=True)]
    pages += [
        PublicPage("subsidy", "subsidies/"),
        PublicPage("subsidy-result", "subsidies/?degree=master&months=3"),
        PublicPage("subsidy-error", "subsidies/?degree=master&months=0"),
        PublicPage("lodging", "lodging/"),
        PublicPage("contact", "contact/"),
        PublicPage("privacy", "privacy/"),
    ]
    names = {page.name for page in pages}
    # The catalogue is the source of the list; make sure it still holds what the brief names.
    assert {"incubator-workshop", "incubator-community-7plus", "programme-training",
            "programme-city-integration"} <= names, names
    return pages


@pytest.fixture
def visit():
    """visit(page, url): go to url and fail on anything but a 200; an error page would pass the other checks."""

    def visit(page, url: str):
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, f"{url} answered {response and response.status}"
        return response

    return visit
