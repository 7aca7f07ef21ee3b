"""The one-stop office on a phone, in English, with axe and the 360 px check on each page.

An applicant requests company registration (details, the authorisation ticked, the signed letter
uploaded), staff approve it and record its first step, and the applicant sees the step with its date.
Screenshots of every page (phone, and the office's page on a desktop) go to /tmp/shots/onestop/.
"""

from pathlib import Path

import pytest
from django.utils import timezone

from portal.applications.workflow import perform
from portal.models import Status
from programs.onestop.models import AgencyRequest
from programs.onestop.services import record_next_step
from tests.onestop.helpers import ensure_steps
from tests.pdfs import blank_pdf
from tests.people import create_applicant, create_staff

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/onestop")
LANGUAGE = "en"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True, animations="disabled")


def test_company_registration_is_requested_and_its_steps_followed_on_a_phone(
    site, phone, desktop, audit, sign_in_cookie, visit, tmp_path, settings
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    ensure_steps()
    applicant = create_applicant("onestop.founder@example.com", language=LANGUAGE)
    sign_in_cookie(phone, applicant)
    base = f"{site}/{LANGUAGE}/one-stop"

    visit(phone, f"{base}/")
    audit.check(phone, "office page")
    shot(phone, "index-phone")
    phone.get_by_role("link", name="Request an agency service").click()
    audit.check(phone, "agency start")
    shot(phone, "agency-start-phone")
    phone.locator("main form button[type=submit]").click()

    phone.get_by_label("Company registration").check()
    phone.locator("#id_company_name").fill("Harbour Ink Ltd")
    phone.locator("#id_business_scope").fill("Printing and graphic design")
    phone.locator("#id_authorises").check()
    audit.check(phone, "agency details")
    shot(phone, "agency-details-phone")
    phone.locator("main form button[type=submit]:not([name=later])").click()

    letter = tmp_path / "authorisation.pdf"
    letter.write_bytes(blank_pdf())
    phone.locator("input[type=file]").set_input_files(str(letter))
    audit.check(phone, "agency documents")
    shot(phone, "agency-documents-phone")
    phone.locator("main form[enctype] button[type=submit]").click()
    phone.get_by_role("link", name="Continue", exact=True).click()

    audit.check(phone, "agency check")
    shot(phone, "agency-check-phone")
    phone.locator("main form button[type=submit]").last.click()
    phone.wait_for_url("**/done/")
    audit.check(phone, "agency done")

    request = AgencyRequest.objects.get(applicant=applicant)
    assert request.status == Status.SUBMITTED and request.documents.count() == 1
    # Staff (signed in with their second factor in admin; here through the same service) approve and move it.
    officer = create_staff("onestop-browser-officer", "approver")
    perform(request, "start_review", actor=officer)
    perform(request, "approve", actor=officer)
    record_next_step(request, by=officer, note="All papers received")

    visit(phone, f"{site}/{LANGUAGE}/applications/{request.reference}/")
    main = phone.locator("main").inner_text()
    assert f"Documents received: reached on {timezone.localdate():%Y-%m-%d}" in main
    assert "All papers received" in main and "Filed with the authority: not yet" in main
    audit.check(phone, "agency request page")
    shot(phone, "agency-request-phone")

    visit(phone, f"{base}/counselling/apply/")
    audit.check(phone, "counselling start")
    shot(phone, "counselling-start-phone")
    phone.locator("main form button[type=submit]").click()
    audit.check(phone, "counselling details")
    shot(phone, "counselling-details-phone")

    visit(desktop, f"{base}/")
    audit.check(desktop, "office page desktop")
    shot(desktop, "index-desktop")
    audit.assert_clean()
