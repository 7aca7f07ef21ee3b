"""The two stations in a real browser on a phone, checked with axe and for sideways scrolling:

- the overtime station in English: from the signed-in home page to a confirmed room tonight in at
  most three taps, for someone whose proof of work in Hetao is approved;
- the youth station in Simplified Chinese: choose a hotel, dates and purpose, send; staff confirm.

Screenshots (phone and desktop) of every page go to /tmp/shots/stations/.
"""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.models import Status

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/stations")


def shoot(page, name, desktop=None):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}-phone.png", full_page=True, animations="disabled")
    if desktop is not None:
        desktop.goto(page.url)
        desktop.screenshot(path=SHOTS / f"{name}-desktop.png", full_page=True, animations="disabled")


@pytest.fixture
def people(site):
    from portal.roles import ensure_roles
    from tests.people import create_applicant

    ensure_roles()
    return {"applicant": create_applicant("ka.ming@example.com", name_zh="李家明", name_en="Lee Ka Ming")}


def test_a_room_tonight_in_three_taps_on_a_phone(site, phone, desktop, audit, sign_in_cookie, people):
    from lodging.stations.models import OvertimeStay
    from tests.stations.helpers import OVERTIME, proof, room_type

    applicant = people["applicant"]
    room_type(OVERTIME, rooms=2, hotel="Harbour Hotel")
    proof(applicant)
    sign_in_cookie(phone, applicant)
    sign_in_cookie(desktop, applicant)

    phone.goto(f"{site}/en/")
    audit.check(phone, "home")
    taps = 0
    phone.get_by_role("link", name="Hong Kong Youth Overtime Station").first.click()
    taps += 1
    audit.check(phone, "lodging list")
    shoot(phone, "lodging-list", desktop)
    phone.locator("#overtime-station").get_by_role("link", name="Book a room for tonight").click()
    taps += 1
    expect(phone.locator("h1")).to_have_text("A room for tonight")
    audit.check(phone, "tonight")
    shoot(phone, "tonight", desktop)
    phone.locator("main form button[type=submit]").click()
    taps += 1

    expect(phone.locator(".messages")).to_contain_text("Your room tonight is confirmed")
    stay = OvertimeStay.objects.get(applicant=applicant)
    assert stay.status == Status.CONFIRMED and stay.night == timezone.localdate()
    assert taps <= 3
    expect(phone.locator("main")).to_contain_text("Harbour Hotel")
    audit.check(phone, "confirmed")
    shoot(phone, "confirmed")

    # The station page now says so, and the tonight page does not book twice.
    phone.goto(f"{site}/en/lodging/stations/overtime/")
    expect(phone.locator("main")).to_contain_text(stay.reference)
    audit.check(phone, "overtime station")
    shoot(phone, "overtime-station", desktop)
    audit.assert_clean()


def test_the_youth_station_journey_in_simplified_chinese(site, phone, desktop, audit, sign_in_cookie, people):
    from lodging.stations.models import YouthStationStay
    from portal.applications.workflow import perform
    from tests.people import create_staff
    from tests.stations.helpers import YOUTH, room_type

    applicant = people["applicant"]
    room = room_type(YOUTH, rooms=3, slug="lychee-youth", hotel="Lychee Hotel")
    sign_in_cookie(phone, applicant)
    sign_in_cookie(desktop, applicant)
    base = f"{site}/zh-hans"

    phone.goto(f"{base}/lodging/stations/youth/")
    expect(phone.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(phone.locator("main")).to_contain_text("海港酒店")  # the room type's Simplified name
    audit.check(phone, "youth station")
    shoot(phone, "youth-station", desktop)
    phone.locator(f"main a[href$='/youth/{room.slug}/apply/']").click()
    audit.check(phone, "youth start")
    shoot(phone, "youth-start", desktop)
    phone.locator("main form button[type=submit]").click()

    # Bad input first: eight nights are refused next to the field.
    arrival = timezone.localdate() + datetime.timedelta(days=12)
    phone.locator("#id_arrival").fill(arrival.isoformat())
    phone.locator("#id_nights").fill("8")
    phone.locator("input[name=purpose][value=shopping]").check()
    phone.locator("main form button[type=submit]:not([name=later])").click()
    expect(phone.locator("#id_nights_error")).to_be_visible()
    audit.check(phone, "youth details with an error")
    shoot(phone, "youth-details-error", desktop)
    phone.locator("#id_nights").fill("3")
    phone.locator("main form button[type=submit]:not([name=later])").click()

    expect(phone.locator("main")).to_contain_text("购物")
    expect(phone.locator("main")).to_contain_text("海港酒店")
    audit.check(phone, "youth check")
    shoot(phone, "youth-check", desktop)
    phone.locator("main form button[type=submit]").last.click()
    stay = YouthStationStay.objects.get(applicant=applicant)
    assert stay.status == Status.REQUESTED and stay.nights == 3 and stay.purpose == "shopping"
    audit.check(phone, "youth done")
    shoot(phone, "youth-done")

    reviewer = create_staff("desk", "reviewer")
    perform(stay, "confirm", actor=reviewer, expected_status=Status.REQUESTED)
    phone.goto(f"{site}" + stay.get_absolute_url().replace("/en/", "/zh-hans/"))
    expect(phone.locator("main")).to_contain_text("已确认")
    audit.check(phone, "youth confirmed")
    shoot(phone, "youth-confirmed", desktop)
    audit.assert_clean()
