"""Courses on a phone, in English, with axe and the 360 px check on every page: find a course,
enrol on a session, see it in My applications and download its calendar file; staff mark
attendance on a phone. Screenshots (phone and desktop) go to /tmp/shots/courses/."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots/courses")
BASE = "en"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True, animations="disabled")


def test_find_a_course_enrol_and_download_the_calendar(
    site, phone, desktop, audit, visit, sign_in_cookie, staff_with_totp
):
    from portal.models import Status
    from programs.courses.models import CourseEnrolment
    from tests.courses.world import make_course, make_session
    from tests.people import create_applicant

    course = make_course(
        summary_en="Practise answering interview questions with tutors from Hong Kong and Shenzhen firms."
    )
    session = make_session(course, days=14, seats=12)
    make_session(course, days=21, seats=1)
    make_course(slug="pitching", key="entrepreneurship", name_en="Pitching your start-up")
    applicant = create_applicant("mei@example.com")
    sign_in_cookie(phone, applicant)

    # Find the course: the list, filtered to one category with the GET form.
    visit(phone, f"{site}/{BASE}/courses/")
    audit.check(phone, "course-list")
    shot(phone, "list-phone")
    phone.get_by_label("Category").select_option("career")
    phone.get_by_role("button", name="Show courses").click()
    expect(phone.get_by_role("heading", name="Career")).to_be_visible()
    expect(phone.get_by_text("Pitching your start-up")).to_have_count(0)
    phone.get_by_role("link", name="Interview skills").first.click()
    audit.check(phone, "course-detail")
    shot(phone, "detail-phone")

    # Enrol on the first session.
    phone.locator("main .session-list li").first.get_by_role("link", name="Enrol").click()
    audit.check(phone, "enrol-start")
    shot(phone, "start-phone")
    phone.get_by_role("button", name="Start your enrolment").click()
    phone.get_by_label("What you hope to learn").fill("Answering in Putonghua with confidence.")
    audit.check(phone, "enrol-details")
    shot(phone, "details-phone")
    phone.get_by_role("button", name="Save and continue").click()
    expect(phone.get_by_text("12 places free")).to_be_visible()
    audit.check(phone, "enrol-check")
    shot(phone, "check-phone")
    phone.get_by_role("button", name="Send your booking").click()
    audit.check(phone, "enrol-done")
    shot(phone, "done-phone")
    enrolment = CourseEnrolment.objects.get(applicant=applicant)
    assert enrolment.status == Status.CONFIRMED

    # My applications, the enrolment's page and its calendar file.
    visit(phone, f"{site}/{BASE}/applications/")
    expect(phone.locator("main")).to_contain_text("Interview skills")
    audit.check(phone, "my-applications")
    shot(phone, "my-applications-phone")
    phone.locator("main").get_by_role("link", name="Course enrolment").first.click()
    expect(phone.locator("main")).to_contain_text("Answering in Putonghua with confidence.")
    audit.check(phone, "enrolment-page")
    shot(phone, "application-phone")
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Add to my calendar (.ics)").click()
    ics = Path(download.value.path()).read_text()
    assert "BEGIN:VEVENT" in ics and enrolment.reference in ics
    assert timezone.localtime(session.starts_at).strftime("%Y%m%d") in ics

    # Desktop: the same pages.
    sign_in_cookie(desktop, applicant)
    visit(desktop, f"{site}/{BASE}/courses/")
    shot(desktop, "list-desktop")
    visit(desktop, f"{site}/{BASE}/courses/{course.slug}/")
    shot(desktop, "detail-desktop")
    visit(desktop, f"{site}/{BASE}{enrolment.get_absolute_url()[3:]}")
    shot(desktop, "application-desktop")

    # Staff mark attendance on a phone once the session has started.
    from programs.courses.models import CourseSession

    start = timezone.now() - datetime.timedelta(minutes=30)
    CourseSession.objects.filter(pk=session.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    staff = staff_with_totp("rita", groups=["reviewer"])
    sign_in_cookie(phone, staff)
    visit(phone, f"{site}/{BASE}/admin/courses/coursesession/{session.pk}/attendance/")
    shot(phone, "attendance-phone")
    phone.get_by_label("Chan Tai Man").check()
    phone.get_by_role("button", name="Save attendance").click()
    expect(phone.locator("body")).to_contain_text("1 attended, 0 absent")
    shot(phone, "attendance-saved-phone")
    enrolment.refresh_from_db()
    assert enrolment.status == Status.ATTENDED
    sign_in_cookie(desktop, staff)
    visit(desktop, f"{site}/{BASE}/admin/courses/coursesession/")
    shot(desktop, "admin-sessions-desktop")
    audit.assert_clean()
