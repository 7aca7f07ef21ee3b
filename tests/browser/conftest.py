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
    from portal.catalogue.seed import load_file

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


# ---------------------------------------------------------------------------------------------
# Signed-in pages (issue 3): accessibility and width checks as a journey passes, codes from the
# outbox, applicants signed in without the forms, staff with an authenticator app.


@dataclass
class PageAudit:
    """audit.check(page, name) runs axe and the sideways-scroll check on the page as it is now.

    Problems are collected, not raised, so one run reports every page; call `assert_clean()` at
    the end. The width is checked at the page's own viewport and again at 360 px (the viewport is
    narrowed for a moment, so the page is not loaded twice).
    """

    problems: list
    checked: list

    def check(self, page, name: str):
        from axe_playwright_python.sync_playwright import Axe

        from tests.browser.test_accessibility import AXE_OPTIONS, describe
        from tests.browser.test_layout import WIDTHS

        self.checked.append(name)
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            self.problems.append(f"[{name}] " + describe(page.url, violations))
        viewport = page.viewport_size
        narrow = NARROW["viewport"]["width"]
        for width in sorted({viewport["width"], narrow}, reverse=True):
            if width > viewport["width"]:
                continue  # a page narrower than 360 px (none yet) is checked at its own width only
            page.set_viewport_size({"width": width, "height": viewport["height"]})
            measured = page.evaluate(WIDTHS)
            if measured["html"] > width or measured["body"] > width:
                self.problems.append(
                    f"[{name}] {page.url} scrolls sideways at {width}px: html {measured['html']}px, "
                    f"body {measured['body']}px ({'; '.join(measured['too_wide'])})"
                )
        page.set_viewport_size(viewport)

    def assert_clean(self):
        assert not self.problems, (
            f"{len(self.problems)} problem(s) on {len(self.checked)} pages checked:\n\n"
            + "\n\n".join(self.problems)
        )


@pytest.fixture
def audit():
    return PageAudit(problems=[], checked=[])


@pytest.fixture
def email_code():
    """email_code() → the code in the last email sent (allauth's sign-up and reset codes, e.g. WQRL-JMQT).

    The live server runs in a thread of this process, so its locmem outbox is django.core.mail.outbox.
    """
    import re

    from django.core import mail

    def code(to: str | None = None) -> str:
        assert mail.outbox, "no email was sent"
        message = mail.outbox[-1]
        if to is not None:
            assert message.to == [to], message.to
        codes = re.findall(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", message.body, re.MULTILINE)
        assert len(codes) == 1, message.body
        return codes[0]

    return code


@pytest.fixture
def sign_in_cookie(site):
    """sign_in_cookie(page, user): the page's browser context is signed in as `user` (no forms, no 2nd step).

    For pages that are not about signing in; the journey test signs in through the real forms.
    """
    from django.conf import settings
    from django.test import Client

    def sign_in(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site}])

    return sign_in


@pytest.fixture
def staff_with_totp(transactional_db, django_user_model):
    """staff_with_totp("rita", groups=["approver"]) → active staff with an authenticator app (TOTP) and
    recovery codes, as tests/portal/conftest.py's `mfa_staff` makes them (that fixture is not visible
    here). The password is `user.password_plain`, the TOTP secret `user.totp_secret`.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.models import Group

    from portal.roles import ensure_roles

    def make(name="staff", *, groups=()):
        if Group.objects.filter(name__in=groups).count() != len(groups):
            ensure_roles()  # the roles come with migrate; a flushed test database may have lost them
        email = f"{name}@staff.example"
        password = f"{name}-staff-pass-2026"
        user = django_user_model.objects.create_user(
            username=email, email=email, password=password, is_staff=True
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        wanted = list(Group.objects.filter(name__in=groups))
        assert len(wanted) == len(groups), f"unknown group in {groups}"
        user.groups.add(*wanted)
        user.totp_secret = generate_totp_secret()
        TOTP.activate(user, user.totp_secret)
        RecoveryCodes.activate(user)
        user.password_plain = password
        return user

    return make


@pytest.fixture
def totp_code():
    """totp_code(secret) → the authenticator app's current code, never one about to expire."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    def code(secret: str) -> str:
        period = app_settings.TOTP_PERIOD
        if period - time.time() % period < 5:
            time.sleep(period - time.time() % period + 0.1)
        return format_hotp_value(hotp_value(secret, int(time.time()) // period))

    return code
