"""The talent apartment journey in a real browser, on a phone in Traditional Chinese:

the units page → "Apply for this unit" → start → the stay (first with a date in the past, refused next
to the field) → check the rent the portal computed → submit → the confirmation → the application page.
Every page is checked with axe and for sideways scrolling (390 and 360 px); screenshots of each page,
on the phone and on a desktop, go to /tmp/shots/apartments/.
"""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from portal.models import Status

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path("/tmp/shots/apartments")
LANGUAGE = "zh-hant"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True, animations="disabled")


def test_apply_for_a_unit_on_a_phone_in_traditional_chinese(
    site, phone, desktop, audit, visit, sign_in_cookie
):
    from lodging.apartments import demo
    from lodging.apartments.models import ApartmentApplication
    from tests.people import create_applicant

    units = demo.create()
    unit = units[0]
    applicant = create_applicant("ka.yan@example.com", language=LANGUAGE)
    sign_in_cookie(phone, applicant)
    sign_in_cookie(desktop, applicant)
    base = f"{site}/{LANGUAGE}"
    starts = timezone.localdate() + datetime.timedelta(days=20)

    # --- The units, with their market rent and the rules from the scheme's row ---------------------
    visit(phone, f"{base}/lodging/talent-apartment/")
    expect(phone.locator("h1")).to_have_text("港澳青年人才公寓")
    card = phone.locator(f"#{unit.slug}")
    expect(card).to_contain_text("每月人民幣 4,200 元")
    expect(card.locator(".lease-rent")).to_contain_text("每月人民幣 2,100 元")
    audit.check(phone, "units")
    shot(phone, "units-phone")
    visit(desktop, f"{base}/lodging/talent-apartment/")
    audit.check(desktop, "units-desktop")
    shot(desktop, "units-desktop")

    card.get_by_role("link", name="申請此單位").click()
    expect(phone.locator("h1")).to_have_text("申請人才公寓")
    audit.check(phone, "start")
    shot(phone, "start-phone")
    phone.locator("main form button[type=submit]").click()

    # --- The stay: a date in the past is refused next to the field, nothing saved -------------------
    expect(phone.locator("h1")).to_have_text("你的住宿")
    phone.locator("#id_kind_1").check()
    phone.locator("#id_starts_on").fill("2020-01-01")
    phone.locator("#id_months").fill("13")
    phone.locator("main form button[type=submit]:not([name=later])").click()
    expect(phone.locator("#id_starts_on_error")).to_contain_text("入住日期不能是已過去的日期")
    expect(phone.locator("#id_months_error")).to_contain_text("請輸入 1 至 12 之間的月數")
    audit.check(phone, "details-errors")
    shot(phone, "details-errors-phone")
    application = ApartmentApplication.objects.get()
    assert application.starts_on is None

    phone.locator("#id_starts_on").fill(starts.isoformat())
    phone.locator("#id_months").fill("6")
    phone.locator("main form button[type=submit]:not([name=later])").click()

    # --- Check: the rent the portal computed, and the dates ----------------------------------------
    expect(phone.locator("h1")).to_have_text("提交前請檢查你填寫的資料")
    expect(phone.locator(".rent-monthly")).to_have_text("每月人民幣 2,100 元")
    expect(phone.locator(".rent-total")).to_have_text("人民幣 12,600 元")
    expect(phone.locator(".stay-dates")).to_contain_text(starts.isoformat())
    audit.check(phone, "check")
    shot(phone, "check-phone")
    visit(desktop, phone.url)
    audit.check(desktop, "check-desktop")
    shot(desktop, "check-desktop")

    phone.locator("main form button[type=submit]").last.click()
    expect(phone.locator("h1")).to_have_text("你的申請已提交")
    audit.check(phone, "done")
    shot(phone, "done-phone")
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED and application.monthly_rent == 2100

    with translation.override(LANGUAGE):
        visit(phone, f"{site}{application.get_absolute_url()}")
    expect(phone.locator("main")).to_contain_text("長租（優惠租金）")
    audit.check(phone, "application")
    shot(phone, "application-phone")
    visit(desktop, phone.url)
    shot(desktop, "application-desktop")
    audit.assert_clean()
