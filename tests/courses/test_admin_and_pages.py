"""Staff's side (seats, cancelling, attendance) and the public pages' content and query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.applications.workflow import perform
from portal.capacity.models import Place
from portal.models import Status
from programs.courses.models import Course, CourseEnrolment, CourseSession
from tests.courses.world import make_course, make_session
from tests.markup import parse
from tests.people import create_applicant


def confirmed(session, name) -> CourseEnrolment:
    applicant = create_applicant(f"{name}@example.com", name_en=name.title())
    enrolment = CourseEnrolment.objects.create(applicant=applicant, session=session)
    perform(enrolment, "request", actor=applicant)
    return enrolment


def move_to_the_past(session):
    start = timezone.now() - datetime.timedelta(hours=1)
    CourseSession.objects.filter(pk=session.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    session.refresh_from_db()


@pytest.fixture
def reviewer_client(client, mfa_staff):
    client.force_login(mfa_staff("rita", groups=["reviewer"]))
    return client


def session_form(session, **changes):
    local = timezone.localtime(session.starts_at)
    data = {
        "course": session.course_id,
        "starts_at_0": local.strftime("%Y-%m-%d"),
        "starts_at_1": local.strftime("%H:%M:%S"),
        "ends_at_0": local.strftime("%Y-%m-%d"),
        "ends_at_1": (local + datetime.timedelta(hours=2)).strftime("%H:%M:%S"),
        "venue_zh_hant": "",
        "venue_en": "Room 3",
        "venue_zh_hans": "",
        "seats": session.seats if session.seats is not None else "",
    }
    return {**data, **changes}


def test_saving_a_session_in_admin_sizes_its_place_and_refuses_fewer_seats_than_taken(
    admin_client_mfa, session
):
    url = reverse("admin:courses_coursesession_change", args=[session.pk])
    response = admin_client_mfa.post(url, session_form(session, seats=5))
    assert response.status_code == 302, response.context["adminform"].form.errors
    place = Place.objects.for_target(session).get()
    assert (place.size, place.starts_at) == (5, session.starts_at)

    for name in ["ivy", "jon", "kim"]:
        confirmed(session, name)
    response = admin_client_mfa.post(url, session_form(session, seats=2))
    assert response.status_code == 200
    assert "3 places are held or offered" in str(response.context["adminform"].form.errors["seats"])
    assert Place.objects.for_target(session).get().size == 5

    # A new session gets its place on the first save.
    add = reverse("admin:courses_coursesession_add")
    response = admin_client_mfa.post(add, session_form(session, seats=7))
    assert response.status_code == 302
    new = CourseSession.objects.exclude(pk=session.pk).get()
    assert Place.objects.for_target(new).get().size == 7 and new.slug


def test_the_session_list_shows_seats_taken_waiting_and_attended(admin_client_mfa, session):
    for name in ["lea", "max", "ned"]:
        confirmed(session, name)  # two seats: the third waits
    page = parse(admin_client_mfa.get(reverse("admin:courses_coursesession_changelist")).content)
    table = page.find("table", id_="result_list")
    cells = [
        table.find("td", cls=f"field-{name}").text
        for name in ("seats_display", "taken", "waiting", "attended")
    ]
    assert cells == ["2", "2", "1", "0"]


def test_cancelling_sessions_from_the_admin_asks_for_a_note(
    admin_client_mfa, session, mailoutbox, django_capture_on_commit_callbacks
):
    enrolment = confirmed(session, "olga")
    url = reverse("admin:courses_coursesession_changelist")
    chosen = {"action": "cancel_sessions", "_selected_action": [session.pk]}
    page = admin_client_mfa.post(url, chosen)
    assert page.status_code == 200 and "Note to the applicants" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_mfa.post(url, {**chosen, "note": "Typhoon signal 8."})
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Status.CANCELLED
    assert [m.to for m in mailoutbox if "Typhoon signal 8." in m.body] == [["olga@example.com"]]


def test_attendance_marks_ticked_attended_and_the_rest_absent(reviewer_client, session):
    came, missed = confirmed(session, "pat"), confirmed(session, "quinn")
    url = reverse("admin:courses_coursesession_attendance", args=[session.pk])
    # Before the session starts, nothing can be marked.
    reviewer_client.post(url, {"present": [came.pk]})
    came.refresh_from_db()
    assert came.status == Status.CONFIRMED

    move_to_the_past(session)
    page = parse(reviewer_client.get(url).content)
    boxes = page.find_all("input", name="present")
    assert {int(box.attrs["value"]) for box in boxes} == {came.pk, missed.pk}
    response = reviewer_client.post(url, {"present": [came.pk]}, follow=True)
    assert "1 attended, 1 absent" in response.content.decode()
    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.status, missed.status) == (Status.ATTENDED, Status.NO_SHOW)
    # Marked rows are listed, no longer ticked again.
    assert not parse(reviewer_client.get(url).content).find_all("input", name="present")


def test_attendance_needs_the_reviewer_role(client, mfa_staff, session):
    client.force_login(mfa_staff("nobody"))
    assert client.get(reverse("admin:courses_coursesession_attendance", args=[session.pk])).status_code == 403


def test_the_list_shows_the_three_categories_and_filters_by_one(client, session):
    text = parse(client.get(reverse("courses:list")).content).find("main").text
    for name in ["Entrepreneurship", "Career", "Interest", "Interview skills", "2 seats left"]:
        assert name in text
    only = parse(client.get(reverse("courses:list"), {"category": "interest"}).content).find("main")
    assert "Interest" in only.text and "Interview skills" not in only.text
    # Anything else in the filter shows everything, with the form's error, never a 500.
    assert client.get(reverse("courses:list"), {"category": "<nope>"}).status_code == 200


def grow(n):
    for i in range(n):
        course = make_course(slug=f"course-{n}-{i}", key=["career", "interest", "entrepreneurship"][i % 3])
        for day in range(4):
            session = make_session(course, days=10 + day, seats=1)
            confirmed(session, f"p{n}-{i}-{day}")


def count(django_assert_num_queries, client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_stay_constant(client, admin_client_mfa, django_assert_num_queries):
    grow(2)
    course = make_course(slug="measured")
    session = make_session(course, days=3, seats=50)
    for i in range(2):
        confirmed(session, f"first{i}")
    move_to_the_past(session)
    urls = [
        (client, reverse("courses:list")),
        (client, reverse("courses:detail", args=["course-2-0"])),
        (admin_client_mfa, reverse("admin:courses_coursesession_attendance", args=[session.pk])),
        (admin_client_mfa, reverse("admin:courses_coursesession_changelist")),
    ]
    before = [count(django_assert_num_queries, c, url) for c, url in urls]
    grow(6)
    grown = Course.objects.get(slug="course-2-0")
    for day in range(8):
        confirmed(make_session(grown, days=40 + day, seats=1), f"grown{day}")
    CourseSession.objects.filter(pk=session.pk).update(starts_at=timezone.now() + datetime.timedelta(days=1))
    for i in range(6):
        confirmed(CourseSession.objects.get(pk=session.pk), f"more{i}")
    move_to_the_past(session)
    after = [count(django_assert_num_queries, c, url) for c, url in urls]
    assert after == before, (before, after)


def test_the_demo_makes_one_course_per_category_once(db):
    from programs.courses import demo

    first = demo.create()
    again = demo.create()
    assert [c.pk for c in first] == [c.pk for c in again]
    assert sorted(c.category.key for c in first) == ["career", "entrepreneurship", "interest"]
    sessions = CourseSession.objects.filter(course__in=first)
    assert sessions.count() == 6 and all(s.starts_at > timezone.now() for s in sessions)
    assert all(Place.objects.for_target(s).get().size == 20 for s in sessions)


def test_a_started_session_says_so_before_anyone_starts_enrolling(client, session):
    client.force_login(create_applicant("late@example.com"))
    move_to_the_past(session)
    text = parse(client.get(reverse("courses:apply", args=[session.slug])).content).find("main").text
    assert "This session has already started" in text and "Start your enrolment" not in text
