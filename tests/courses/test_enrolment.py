"""Enrolling on a course session through the shared journey: confirmed at once, the waiting list,
a freed seat offered and taken, refusals, and staff cancelling a session."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from portal.applications.workflow import perform
from portal.capacity.models import Place
from portal.models import Status
from programs.courses.models import CourseEnrolment, CourseSession
from programs.courses.services import cancel_session
from tests.markup import parse
from tests.people import create_applicant, create_staff


def enrol(client, session, hopes="Better interviews") -> CourseEnrolment:
    """start → details → check → send, as the applicant's browser does; returns the enrolment."""
    response = client.post(reverse("courses:apply", args=[session.slug]))
    assert response.status_code == 302, response.content
    reference = response.url.rstrip("/").split("/")[-1]
    response = client.post(reverse("courses:apply_details", args=[reference]), {"hopes": hopes})
    assert response.url == reverse("courses:apply_check", args=[reference])
    client.post(reverse("courses:apply_check", args=[reference]))
    return CourseEnrolment.objects.get(reference=reference)


def signed_in(client, name):
    user = create_applicant(f"{name}@example.com")
    client.force_login(user)
    return user


def test_enrolling_confirms_at_once(client, session, mailoutbox, django_capture_on_commit_callbacks):
    signed_in(client, "ada")
    check = parse(client.get(reverse("courses:apply", args=[session.slug])).content).find("main").text
    assert "Interview skills" in check
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrol(client, session)
    assert enrolment.status == Status.CONFIRMED
    assert Place.objects.for_target(session).get().held == 1
    # One email, saying where it ended up.
    assert len(mailoutbox) == 1 and enrolment.reference in mailoutbox[0].subject
    listing = parse(client.get(reverse("applications:list")).content).find("main").text
    assert enrolment.reference in listing and "Interview skills" in listing
    page = parse(client.get(enrolment.get_absolute_url()).content).find("main").text
    assert "Better interviews" in page


def test_a_full_session_puts_the_next_on_the_waiting_list_and_a_cancellation_offers_the_seat(
    client, session, mailoutbox, django_capture_on_commit_callbacks
):
    first = [None, None]
    for index, name in enumerate(["ann", "ben"]):
        signed_in(client, name)
        first[index] = enrol(client, session)
    assert [e.status for e in first] == [Status.CONFIRMED, Status.CONFIRMED]

    waiting_user = signed_in(client, "cat")
    draft = enrol(client, session)
    assert draft.status == Status.WAITLISTED
    detail = parse(client.get(session.course.get_absolute_url()).content).find("main").text
    assert "Full" in detail and "1 person waiting" in detail and "Join the waiting list" in detail

    # Ann cancels: the seat is offered to Cat, who is emailed.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        perform(first[0], "cancel", actor=first[0].applicant)
    offers = [m for m in mailoutbox if m.to == ["cat@example.com"]]
    assert len(offers) == 1 and draft.reference in offers[0].subject + offers[0].body
    assert reverse("applications:accept", args=[draft.reference]) in offers[0].body

    client.force_login(waiting_user)
    response = client.post(reverse("applications:accept", args=[draft.reference]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.CONFIRMED
    assert Place.objects.for_target(session).get().held == 2


def test_enrolling_twice_on_one_session_is_refused(client, session):
    signed_in(client, "dan")
    first = enrol(client, session)
    again = enrol(client, session)
    assert again.status == Status.DRAFT
    response = client.post(reverse("courses:apply_check", args=[again.reference]))
    text = parse(response.content).find("main").text
    assert "You already have an application for the same thing" in text and first.reference in text
    again.refresh_from_db()
    assert again.status == Status.DRAFT
    assert Place.objects.for_target(session).get().held == 1


@pytest.mark.parametrize("what", ["cancelled", "past"])
def test_a_cancelled_or_past_session_is_refused(client, session, what):
    applicant = signed_in(client, "eve")
    draft = CourseEnrolment.objects.create(applicant=applicant, session=session)
    if what == "cancelled":
        CourseSession.objects.filter(pk=session.pk).update(is_cancelled=True)
        message = "This session is cancelled"
    else:
        past = timezone.now() - datetime.timedelta(days=1)
        CourseSession.objects.filter(pk=session.pk).update(
            starts_at=past, ends_at=past + datetime.timedelta(hours=2)
        )
        message = "This session has already started"
    response = client.post(reverse("courses:apply_check", args=[draft.reference]))
    assert message in parse(response.content).find("main").text
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    with pytest.raises(ValidationError):
        perform(draft, "request", actor=applicant)


def test_staff_cancelling_a_session_cancels_and_emails_every_enrolment(
    client, session, mailoutbox, django_capture_on_commit_callbacks
):
    enrolments = []
    for name in ["fay", "gus", "hal"]:
        signed_in(client, name)
        enrolments.append(enrol(client, session))
    assert [e.status for e in enrolments] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    staff = create_staff("desk", "reviewer")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert cancel_session(session, actor=staff, note="The tutor is ill.") == 3
    statuses = set(CourseEnrolment.objects.filter(session=session).values_list("status", flat=True))
    assert statuses == {Status.CANCELLED}
    assert sorted(m.to[0] for m in mailoutbox) == ["fay@example.com", "gus@example.com", "hal@example.com"]
    assert all("The tutor is ill." in m.body for m in mailoutbox)
    assert Place.objects.for_target(session).get().held == 0
    session.refresh_from_db()
    assert session.is_cancelled
    page = parse(client.get(session.course.get_absolute_url()).content).find("main").text
    assert "Cancelled" in page
