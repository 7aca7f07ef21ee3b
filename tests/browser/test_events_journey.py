"""City-integration events in a real browser, in Traditional Chinese on phones.

An applicant finds today's event, registers (confirmed at once) and opens the ticket with its QR
code; a reviewer signs in with their authenticator app on a 360 px phone, types the code at the
door and checks them in. Every page is checked with axe and for sideways scrolling; screenshots of
each (phone and desktop) go to /tmp/shots/events/.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal.models import Status
from programs.events.models import EventRegistration
from tests.events.world import make_event
from tests.people import create_applicant

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/events")
LANGUAGE = "zh-hant"


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True, animations="disabled")


def submit(form):
    form.locator("button[type=submit]:not([form]):not([name=later])").first.click()


def test_register_open_the_ticket_and_check_in_at_the_door(
    site, phone, desktop, narrow, audit, sign_in_cookie, staff_with_totp, totp_code, visit
):
    base = f"{site}/{LANGUAGE}"
    make_event(
        "study-tour-today",
        days=0,
        seats=30,
        name_zh_hant="香港青年福田研學旅遊",
        name_en="Hong Kong Youth Futian Study Tour",
        venue_zh_hant="福田區",
    )
    make_event("full-camp", seats=1, name_zh_hant="深港台贛青少年夏令營", name_en="Summer camp")
    applicant = create_applicant("wing.events@example.com")
    sign_in_cookie(phone, applicant)

    # --- The applicant finds the event and registers ------------------------------------------
    visit(phone, f"{base}/events/")
    expect(phone.locator("html")).to_have_attribute("lang", LANGUAGE)
    audit.check(phone, "event list")
    shoot(phone, "list-phone")
    phone.get_by_role("link", name="香港青年福田研學旅遊").click()
    expect(phone.locator("main h1")).to_have_text("香港青年福田研學旅遊")
    audit.check(phone, "event detail")
    shoot(phone, "detail-phone")
    submit(phone.locator("main form").filter(has=phone.locator("button[type=submit]")))

    expect(phone.locator("main textarea[name=note]")).to_be_visible()
    audit.check(phone, "registration details")
    shoot(phone, "details-phone")
    phone.locator("main textarea[name=note]").fill("需要輪椅通道")
    submit(phone.locator("main form"))

    expect(phone).to_have_url(re.compile(r"/check/$"))
    audit.check(phone, "registration check")
    shoot(phone, "check-phone")
    submit(phone.locator("main form[method=post]").last)
    expect(phone).to_have_url(re.compile(r"/done/$"))
    audit.check(phone, "registration done")

    registration = EventRegistration.objects.get(applicant=applicant)
    assert registration.status == Status.CONFIRMED and registration.ticket_code
    visit(phone, f"{site}{registration.get_absolute_url().replace('/en/', f'/{LANGUAGE}/')}")
    audit.check(phone, "registration page")
    shoot(phone, "application-phone")
    phone.locator("main a[href*='/events/ticket/']").first.click()

    # --- The ticket: the code in large letters and the QR code ----------------------------------
    code = phone.locator("main .ticket-code")
    expect(code).to_have_text(f"{registration.ticket_code[:4]} {registration.ticket_code[4:]}")
    expect(phone.locator("main svg.qr")).to_be_visible()
    audit.check(phone, "ticket")
    shoot(phone, "ticket-phone")
    box = phone.locator("main svg.qr").bounding_box()
    assert box["width"] >= 200, box  # big enough for a camera at arm's length

    sign_in_cookie(desktop, applicant)
    visit(desktop, phone.url)
    audit.check(desktop, "ticket (desktop)")
    shoot(desktop, "ticket-desktop")
    visit(desktop, f"{base}/events/")
    shoot(desktop, "list-desktop")

    # --- At the door: a reviewer signs in with the authenticator app on a small phone ------------
    door = staff_with_totp("door", groups=["reviewer"])
    narrow.goto(f"{base}/events/check-in/")
    expect(narrow).to_have_url(re.compile(r"/accounts/login/\?next="))
    login = narrow.locator("main form").filter(has=narrow.locator("#id_password"))
    login.locator("#id_login").fill(door.email)
    login.locator("#id_password").fill(door.password_plain)
    submit(login)
    second_step = narrow.locator("main input[name=code]")
    expect(second_step).to_be_visible()
    second_step.fill(totp_code(door.totp_secret))
    submit(narrow.locator("main form").filter(has=narrow.locator("input[name=code]")))
    expect(narrow).to_have_url(re.compile(r"/events/check-in/$"))

    field = narrow.locator("main input[name=code]")
    expect(field).to_be_focused()
    audit.check(narrow, "check-in form")
    shoot(narrow, "check-in-phone")
    field.fill(registration.ticket_code.lower())
    submit(narrow.locator("main form"))

    expect(narrow.locator("main h1")).to_contain_text("陳大文")
    audit.check(narrow, "check-in ticket")
    shoot(narrow, "check-in-code-phone")
    submit(narrow.locator("main form"))
    expect(narrow.locator(".messages")).to_contain_text("陳大文")
    expect(narrow).to_have_url(re.compile(r"/events/check-in/$"))
    shoot(narrow, "checked-in-phone")
    registration.refresh_from_db()
    assert registration.status == Status.ATTENDED

    # Scanned again (the QR's URL): already checked in, no button.
    visit(narrow, f"{base}/events/check-in/{registration.ticket_code}/")
    expect(narrow.locator("main .check-in-problem")).to_be_visible()
    expect(narrow.locator("main button[type=submit]")).to_have_count(0)
    audit.check(narrow, "already checked in")
    shoot(narrow, "already-phone")

    visit(desktop, f"{base}/events/full-camp/")
    shoot(desktop, "detail-desktop")
    audit.assert_clean()
