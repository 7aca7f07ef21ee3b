"""The GBA programme on a phone, in Simplified Chinese, with axe: a team lead applies to a cohort,
staff accept and award the team (through the workflow, as verified staff), and the team sees
"Awarded" and its coaching milestones. Screenshots (phone and desktop) go to /tmp/shots/cohorts/."""

import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/cohorts")
BASE = "zh-hans"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=SHOTS / f"{name}.png", full_page=True, animations="disabled")
    except PlaywrightError:
        # Chromium may refuse a very tall capture on a loaded machine; the screen is enough to look at.
        page.screenshot(path=SHOTS / f"{name}.png", animations="disabled")


def test_apply_to_a_cohort_be_awarded_and_see_the_milestones(
    site, phone, desktop, audit, visit, sign_in_cookie, staff_with_totp
):
    from portal.applications.workflow import perform
    from portal.models import Status
    from programs.cohorts.models import CohortApplication, Milestone
    from tests.cohorts.world import make_cohort, make_team
    from tests.people import create_applicant

    cohort = make_cohort("2026-spring", awards=10)
    lead = create_applicant("wing@example.com", language="zh-hans")
    make_team(lead, name="港湾机器人")
    sign_in_cookie(phone, lead)

    visit(phone, f"{site}/{BASE}/gba/")
    audit.check(phone, "cohort-list")
    shot(phone, "list-phone")
    phone.locator(f"main a[href$='/gba/{cohort.slug}/apply/']").click()
    audit.check(phone, "cohort-start")
    shot(phone, "start-phone")
    phone.locator("main form button[type=submit]").click()
    phone.locator("#id_team").select_option(label="港湾机器人")
    phone.locator("#id_pitch").fill("为仓库设计的搬运机器人，已有样机。")
    phone.locator("#id_coaching_goals").fill("找到第一位客户。")
    phone.locator("#id_may_be_named").check()
    audit.check(phone, "cohort-details")
    shot(phone, "details-phone")
    phone.locator("main form button[type=submit]:not([name=later])").click()
    expect(phone.locator("main")).to_contain_text("为仓库设计的搬运机器人")
    audit.check(phone, "cohort-check")
    shot(phone, "check-phone")
    phone.locator("main form button[type=submit]").last.click()
    audit.check(phone, "cohort-done")
    application = CohortApplication.objects.get(applicant=lead)
    assert application.status == Status.SUBMITTED

    # Staff review, accept, record a milestone and award, as a verified approver.
    approver = staff_with_totp("chan", groups=["approver"])
    perform(application, "start_review", actor=approver)
    perform(application, "accept", actor=approver)
    Milestone.objects.create(
        application=application, date=datetime.date(2026, 6, 1), title="完成市场测试", note="三家仓库试用。"
    )
    perform(application, "award", actor=approver, note="综合评分 8.50")

    visit(phone, f"{site}/{BASE}/applications/{application.reference}/")
    expect(phone.locator("#award-notice")).to_be_visible()
    expect(phone.locator("main .milestones")).to_contain_text("完成市场测试")
    audit.check(phone, "cohort-application-awarded")
    shot(phone, "application-phone")

    visit(phone, f"{site}/{BASE}/gba/{cohort.slug}/results/")
    expect(phone.locator("#awarded")).to_contain_text("港湾机器人")
    audit.check(phone, "cohort-results")
    shot(phone, "results-phone")

    for name, path in (("list", "/gba/"), ("results", f"/gba/{cohort.slug}/results/")):
        visit(desktop, f"{site}/{BASE}{path}")
        shot(desktop, f"{name}-desktop")
    # The staff pages this scheme adds to the admin (desktop: the admin is not built for phones).
    sign_in_cookie(desktop, approver)
    desktop.goto(f"{site}/{BASE}/admin/cohorts/cohort/{cohort.pk}/ranking/")
    expect(desktop.locator("#ranking")).to_contain_text("港湾机器人")
    shot(desktop, "admin-ranking-desktop")
    desktop.goto(f"{site}/{BASE}/admin/cohorts/cohortapplication/{application.pk}/score/")
    shot(desktop, "admin-score-desktop")
    audit.assert_clean()
