"""A base manager starts the review of several applications at once from the queue, on a desktop, with
axe; the queue and the reviewer page go to /tmp/shots/staffbases/ on a phone (360 px) and a desktop."""

import datetime
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/shots/staffbases")


@pytest.fixture
def two_bases(site):
    """Two applications sent to the Workshop, one to the 7+ community (not this manager's)."""
    from django.utils import timezone

    from incubators.models import Incubator
    from portal.models import Status
    from subsidies.models import SubsidyApplication
    from tests.people import create_applicant

    made = []
    for n, base in enumerate(["workshop", "workshop", "community-7plus"]):
        made.append(
            SubsidyApplication.objects.create(
                applicant=create_applicant(f"q{n}@example.com"),
                host_base=Incubator.objects.get(slug=base),
                host_organisation="Team A",
                position="Engineer",
                start_date=datetime.date(2026, 7, 1),
                end_date=datetime.date(2026, 9, 30),
                status=Status.SUBMITTED,
                submitted_at=timezone.now() - datetime.timedelta(days=5 - n),
            )
        )
    return made


def test_a_base_manager_bulk_starts_review(
    site, two_bases, desktop, narrow, audit, sign_in_cookie, staff_with_totp, visit
):
    from incubators.models import Incubator
    from portal.models import Status, StatusChange
    from portal.staffbases.models import StaffBase

    SHOTS.mkdir(parents=True, exist_ok=True)
    manager = staff_with_totp("bea", groups=["approver"])
    StaffBase.objects.create(user=manager, incubator=Incubator.objects.get(slug="workshop"))
    mine, theirs = two_bases[:2], two_bases[2]
    queue = f"{site}/zh-hant/admin/portal/application/"

    sign_in_cookie(narrow, manager)
    visit(narrow, queue)
    # Looked at, not audited: Django admin's own header fails axe's target size on a phone (see the report).
    narrow.screenshot(path=str(SHOTS / "queue-phone-360.png"), full_page=True)

    page = desktop
    sign_in_cookie(page, manager)
    visit(page, queue)
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 2, "the other base's application is not listed"
    assert theirs.reference not in page.content()
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("bulk_start_review")
    page.screenshot(path=str(SHOTS / "queue-desktop.png"), full_page=True)
    audit.check(page, "queue with a selection")
    page.locator("button[name=index]").first.click()
    success = page.locator("ul.messagelist li").first
    assert all(a.reference in success.inner_text() for a in mine)
    page.screenshot(path=str(SHOTS / "done-desktop.png"), full_page=True)
    audit.check(page, "queue after the bulk action")
    for application in mine:
        application.refresh_from_db()
        assert application.status == Status.IN_REVIEW
    assert StatusChange.objects.filter(action="start_review", actor=manager).count() == 2
    theirs.refresh_from_db()
    assert theirs.status == Status.SUBMITTED

    # Then both to a reviewer, chosen on a page of its own.
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("bulk_assign")
    page.locator("button[name=index]").first.click()
    page.locator("#assign-form select[name=reviewer]").wait_for()
    page.screenshot(path=str(SHOTS / "assign-desktop.png"), full_page=True)
    audit.check(page, "assign to a reviewer")
    page.locator("#assign-form button[name=apply]").click()
    assert "2" in page.locator("ul.messagelist li").first.inner_text()
    audit.assert_clean()
