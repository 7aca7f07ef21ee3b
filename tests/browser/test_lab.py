"""Booking the shared lab on a phone, in Simplified Chinese, with axe and the 360 px check on each page.

The member's team is already confirmed (staff did it once); they pick a free slot on the equipment's
grid, fill in what they will use it for, send it, and see it confirmed at once. Screenshots of every
page (phone and desktop) go to /tmp/shots/lab/.
"""

from pathlib import Path

import pytest
from django.utils import translation

from incubators.lab import demo
from incubators.lab.models import LabBooking
from portal.models import Status
from tests.lab.helpers import confirm_team
from tests.people import create_applicant, create_staff

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/lab")
LANGUAGE = "zh-hans"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True, animations="disabled")


def test_a_confirmed_team_books_a_slot_on_a_phone(site, phone, desktop, audit, sign_in_cookie, visit):
    demo.create()
    member = create_applicant("lab.member@example.com", language=LANGUAGE)
    confirm_team(member, create_staff("lab-browser-approver", "approver"))
    sign_in_cookie(phone, member)

    visit(phone, f"{site}/{LANGUAGE}/lab/")
    assert "通风橱" in phone.locator("main").inner_text()  # the catalogue's own Simplified name
    audit.check(phone, "lab list")
    shot(phone, "list-phone")

    visit(phone, f"{site}/{LANGUAGE}/lab/fume-hood/")
    audit.check(phone, "lab grid")
    shot(phone, "grid-phone")
    first_free = phone.locator("section.slot-day a.button").first
    chosen = first_free.get_attribute("href").split("start=")[1]
    first_free.click()

    audit.check(phone, "lab start")
    shot(phone, "start-phone")
    phone.locator("main form button[type=submit]").click()

    # The slot chosen on the grid is filled in.
    assert phone.locator("#id_day").input_value() == chosen[:10]
    assert phone.locator("#id_time").input_value() == chosen[11:]
    phone.locator("#id_purpose").fill("涂层测试的样品制备")
    audit.check(phone, "lab details")
    shot(phone, "details-phone")
    phone.locator("main form button[type=submit]:not([name=later])").click()

    audit.check(phone, "lab check")
    shot(phone, "check-phone")
    phone.locator("main form button[type=submit]").last.click()

    phone.wait_for_url("**/done/")
    audit.check(phone, "lab done")
    shot(phone, "done-phone")
    booking = LabBooking.objects.get(applicant=member)
    assert booking.status == Status.CONFIRMED
    phone.goto(f"{site}/{LANGUAGE}/applications/{booking.reference}/")
    with translation.override(LANGUAGE):
        assert str(Status.CONFIRMED.label) in phone.locator("main").inner_text()
    assert "通风橱" in phone.locator("main").inner_text()
    audit.check(phone, "lab booking page")
    shot(phone, "booking-phone")

    # The grid now shows the slot taken.
    visit(phone, f"{site}/{LANGUAGE}/lab/fume-hood/")
    assert not phone.locator(f"a[href$='start={chosen}']").count()

    for name, path in (("list", "lab/"), ("grid", "lab/fume-hood/")):
        visit(desktop, f"{site}/{LANGUAGE}/{path}")
        audit.check(desktop, f"lab {name} desktop")
        shot(desktop, f"{name}-desktop")
    audit.assert_clean()
