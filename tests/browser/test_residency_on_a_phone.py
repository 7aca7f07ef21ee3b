"""A Hong Kong team applies for residency at the 7+ community on a phone, in Traditional Chinese,
with axe and the 360 px check on each page; an approver approves it; the lead sees "resident since".

Screenshots of every page (phone and desktop) go to /tmp/shots/residency/.
"""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from incubators.residency.models import Residency, ResidencyApplication
from incubators.teams.models import Team
from portal.applications.workflow import perform
from portal.models import Status
from tests.people import create_applicant, create_staff

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/residency")
LANGUAGE = "zh-hant"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True, animations="disabled")


def test_a_team_applies_and_becomes_resident(site, phone, desktop, audit, sign_in_cookie, visit):
    lead = create_applicant("residency.lead@example.com", language=LANGUAGE)
    sign_in_cookie(phone, lead)

    # The team, made once.
    visit(phone, f"{site}/{LANGUAGE}/teams/new/")
    audit.check(phone, "team form")
    shot(phone, "team-form-phone")
    phone.locator("#id_name").fill("海港機械人")
    phone.locator("#id_field").select_option(index=1)
    phone.locator("#id_ip_items").fill("3")
    phone.locator("#id_financing_rmb").fill("2000000")
    phone.locator("main form button[type=submit]").click()
    team = Team.objects.get(name="海港機械人")
    audit.check(phone, "team page")
    shot(phone, "team-phone")

    # The residency page names the 7+ community's seven "+" services.
    visit(phone, f"{site}/{LANGUAGE}/residency/")
    assert "空間+" in phone.locator("main").inner_text()
    audit.check(phone, "residency index")
    shot(phone, "index-phone")
    phone.locator("a[href$='/residency/community-7plus/apply/']").click()
    audit.check(phone, "residency start")
    shot(phone, "start-phone")
    phone.locator("main form button[type=submit]").click()

    phone.locator("#id_team").select_option(str(team.pk))
    phone.get_by_label("空間+").check()
    phone.get_by_label("資金+").check()
    move_in = timezone.localdate() + datetime.timedelta(days=21)
    phone.locator("#id_move_in_on").fill(move_in.isoformat())
    audit.check(phone, "residency details")
    shot(phone, "details-phone")
    phone.locator("main form button[type=submit]:not([name=later])").click()

    audit.check(phone, "residency check")
    shot(phone, "check-phone")
    phone.locator("main form button[type=submit]").last.click()
    phone.wait_for_url("**/done/")
    audit.check(phone, "residency done")
    application = ResidencyApplication.objects.get(applicant=lead)
    assert application.status == Status.SUBMITTED

    # Staff decide (as the approver, through the one workflow).
    approver = create_staff("residency-browser-approver", "approver")
    perform(application, "start_review", actor=approver)
    perform(application, "approve", actor=approver)
    assert Residency.objects.get(team=team).moved_in_on == move_in

    visit(phone, f"{site}/{LANGUAGE}/applications/{application.reference}/")
    since = phone.locator(".resident-since").inner_text()
    assert move_in.isoformat() in since
    audit.check(phone, "residency approved")
    shot(phone, "approved-phone")

    for name, path in (("index", "residency/"), ("team", f"teams/{team.pk}/")):
        sign_in_cookie(desktop, lead)
        visit(desktop, f"{site}/{LANGUAGE}/{path}")
        audit.check(desktop, f"{name} desktop")
        shot(desktop, f"{name}-desktop")
    audit.assert_clean()
