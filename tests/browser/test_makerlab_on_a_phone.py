"""Trouble Maker labs on a phone, in Traditional Chinese, with axe and the 360 px check on each page:
a maker applies for membership, staff approve it (through the workflow, as verified staff would in
admin), the maker sees their member code and books lab time, confirmed at once.
Screenshots go to /tmp/shots/makerlab/.
"""

from pathlib import Path

import pytest
from django.utils import timezone, translation

from incubators.makerlab import demo
from incubators.makerlab.models import MakerLab, MakerLabBooking, MakerMembership
from portal.applications.workflow import perform
from portal.models import Status
from tests.makerlab.helpers import next_slot
from tests.people import create_applicant, create_staff

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/makerlab")
LANGUAGE = "zh-hant"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True, animations="disabled")


def send_form(page):
    page.locator("main form button[type=submit]:not([name=later])").last.click()


def test_a_maker_becomes_a_member_and_books_lab_time_on_a_phone(site, phone, audit, sign_in_cookie, visit):
    demo.create()
    maker = create_applicant("maker.browser@example.com", language=LANGUAGE)
    approver = create_staff("makerlab-browser-approver", "approver")
    sign_in_cookie(phone, maker)

    visit(phone, f"{site}/{LANGUAGE}/maker-labs/")
    assert "機械製造實驗室" in phone.locator("main").inner_text()
    audit.check(phone, "maker labs")
    shot(phone, "list-phone")

    # Membership: start, what they will make, check, send.
    visit(phone, f"{site}/{LANGUAGE}/maker-labs/membership/apply/")
    audit.check(phone, "membership start")
    send_form(phone)
    phone.locator("#id_making").fill("用數控銑床製作小型無人機機架")
    phone.locator("#id_experience").fill("Arduino、3D 打印")
    audit.check(phone, "membership details")
    send_form(phone)
    audit.check(phone, "membership check")
    send_form(phone)
    phone.wait_for_url("**/done/")
    membership = MakerMembership.objects.get(applicant=maker)
    assert membership.status == Status.SUBMITTED

    # Staff decide once.
    perform(membership, "start_review", actor=approver)
    perform(membership, "approve", actor=approver)
    membership.refresh_from_db()
    visit(phone, f"{site}/{LANGUAGE}/applications/{membership.reference}/")
    assert membership.member_code in phone.locator("main").inner_text()
    audit.check(phone, "membership approved")
    shot(phone, "member-phone")

    # Lab time: the first open slot, confirmed at once.
    lab = MakerLab.objects.get(slug="mechanical-lab")
    start = timezone.localtime(next_slot(lab))
    visit(phone, f"{site}/{LANGUAGE}/maker-labs/{lab.slug}/apply/")
    send_form(phone)
    phone.locator("#id_day").fill(start.date().isoformat())
    phone.locator("#id_time").select_option(start.strftime("%H:%M"))
    phone.locator("#id_purpose").fill("銑削機架")
    audit.check(phone, "booking details")
    send_form(phone)
    audit.check(phone, "booking check")
    shot(phone, "check-phone")
    send_form(phone)
    phone.wait_for_url("**/done/")
    booking = MakerLabBooking.objects.get(applicant=maker)
    assert booking.status == Status.CONFIRMED
    visit(phone, f"{site}/{LANGUAGE}/applications/{booking.reference}/")
    with translation.override(LANGUAGE):
        assert str(Status.CONFIRMED.label) in phone.locator("main").inner_text()
    audit.check(phone, "booking page")
    shot(phone, "booking-phone")
    audit.assert_clean()
