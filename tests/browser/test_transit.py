"""Applying for a business transit station desk on a phone, in English, with axe and the 360 px check.

The team lead applies (their team, first office in the mainland: yes, a start date), staff approve as a
verified approver through the workflow, and the team sees its desk's end date on the application page.
Screenshots (phone and desktop) go to /tmp/shots/transit/.
"""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from incubators.teams.models import Team
from incubators.transit import demo
from incubators.transit.models import TransitDeskApplication
from portal.applications.workflow import perform
from portal.models import Status
from tests.people import create_applicant, create_staff

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/transit")
LANGUAGE = "en"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True, animations="disabled")


def test_a_team_applies_for_a_desk_and_sees_when_it_ends(site, phone, desktop, audit, sign_in_cookie, visit):
    station = demo.create()
    lead = create_applicant("transit.lead@example.com", language=LANGUAGE)
    Team.objects.create(name="Harbour Robotics", lead=lead)
    sign_in_cookie(phone, lead)
    base = f"{site}/{LANGUAGE}"

    visit(phone, f"{base}/transit/")
    assert "half a year (6 months), as the document says" in phone.locator("main").inner_text()
    audit.check(phone, "transit index")
    shot(phone, "index-phone")
    phone.locator("main a.button").first.click()

    audit.check(phone, "transit start")
    shot(phone, "start-phone")
    phone.locator("main form button[type=submit]").click()

    start = timezone.localdate() + datetime.timedelta(days=14)
    phone.locator("#id_team").select_option(label="Harbour Robotics")
    phone.locator("input[name=first_office][value=no]").check()
    phone.locator("#id_start_date").fill(start.isoformat())
    phone.locator("main form button[type=submit]:not([name=later])").click()
    # The document's rule, next to the question.
    assert "newly arrived in the mainland" in phone.locator("main").inner_text()
    audit.check(phone, "transit details refused")
    shot(phone, "details-refused-phone")
    phone.locator("input[name=first_office][value=yes]").check()
    phone.locator("main form button[type=submit]:not([name=later])").click()

    audit.check(phone, "transit check")
    shot(phone, "check-phone")
    phone.locator("main form button[type=submit]").last.click()
    phone.wait_for_url("**/done/")
    audit.check(phone, "transit done")

    application = TransitDeskApplication.objects.get(applicant=lead)
    approver = create_staff("transit-browser-approver", "approver")
    perform(application, "start_review", actor=approver)
    perform(application, "approve", actor=approver)
    application.refresh_from_db()
    assert application.status == Status.APPROVED

    phone.goto(f"{base}/applications/{application.reference}/")
    text = phone.locator("main").inner_text()
    assert "Your desk ends on" in text and station.end_for(start).isoformat() in text
    audit.check(phone, "transit approved")
    shot(phone, "approved-phone")

    for name, path in (("index", "transit/"), ("application", f"applications/{application.reference}/")):
        desktop.context.add_cookies(phone.context.cookies())
        visit(desktop, f"{base}/{path}")
        audit.check(desktop, f"transit {name} desktop")
        shot(desktop, f"{name}-desktop")
    audit.assert_clean()
