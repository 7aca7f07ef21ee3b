"""A scheme on the booking lifecycle, with only its model and form (tests/schemes/), end to end:
the shared journey sends the request, staff confirm and mark attendance, the applicant may cancel
until the scheme's cut-off, and the same day cannot be booked twice."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from portal.applications.workflow import available_actions, perform
from portal.models import Status, StatusChange
from tests.markup import parse
from tests.people import create_applicant, create_staff
from tests.schemes.models import SessionBooking

pytestmark = pytest.mark.urls("tests.portal.booking_urls")
NEXT_YEAR = timezone.localdate() + datetime.timedelta(days=365)


def book(client, day=NEXT_YEAR) -> SessionBooking:
    response = client.post(reverse("booked:apply"))
    booking = SessionBooking.objects.get(reference=response.url.rstrip("/").split("/")[-1])
    response = client.post(reverse("booked:apply_details", args=[booking.reference]), {"day": day})
    assert response.status_code == 302, response.content
    response = client.post(reverse("booked:apply_check", args=[booking.reference]))
    assert response.url == reverse("booked:apply_done", args=[booking.reference])
    booking.refresh_from_db()
    return booking


def test_request_confirm_attended(db, client, django_capture_on_commit_callbacks):
    applicant = create_applicant("booker@example.com")
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(client)
    assert booking.status == Status.REQUESTED and booking.submitted_at is not None
    assert len(mail.outbox) == 1 and booking.reference in mail.outbox[0].subject

    # My applications shows the booking's own next step and nothing to continue.
    listing = parse(client.get(reverse("applications:list")).content).find("main").text
    assert "staff will confirm your booking" in listing

    staff = create_staff("desk", "reviewer")
    assert {t.action for t in available_actions(staff, booking)} == {"confirm", "waitlist", "cancel_by_staff"}
    with django_capture_on_commit_callbacks(execute=True):
        perform(booking, "confirm", actor=staff, expected_status=Status.REQUESTED)
        perform(booking, "attended", actor=staff, expected_status=Status.CONFIRMED)
    booking.refresh_from_db()
    assert booking.status == Status.ATTENDED and booking.decided_at is not None
    # Confirmation is news; attendance, marked after the event, is not.
    assert len(mail.outbox) == 2
    assert list(StatusChange.objects.filter(application=booking).values_list("action", flat=True)) == [
        "request",
        "confirm",
        "attended",
    ]
    detail = parse(client.get(booking.get_absolute_url()).content).find("main").text
    assert "thank you for coming" in detail


def test_the_portal_may_confirm_at_once(db, client):
    client.force_login(create_applicant("quick@example.com"))
    booking = book(client)
    change = perform(booking, "confirm", actor=None)
    assert (booking.status, change.actor, change.by_staff) == (Status.CONFIRMED, None, False)


def test_the_applicant_may_cancel_before_the_cutoff_and_not_after(db, client):
    applicant = create_applicant("canceller@example.com")
    client.force_login(applicant)
    early = book(client)
    response = client.post(
        reverse("applications:withdraw", args=[early.reference]), {"reason": "Cannot come."}
    )
    assert response.status_code == 302
    early.refresh_from_db()
    assert early.status == Status.CANCELLED

    late = book(client, day=NEXT_YEAR + datetime.timedelta(days=1))
    perform(late, "confirm", actor=None)
    # The session is tomorrow: the cut-off (midnight before the day) has passed.
    SessionBooking.objects.filter(pk=late.pk).update(day=timezone.localdate())
    late.refresh_from_db()
    assert "cancel" not in {t.action for t in available_actions(applicant, late)}
    with pytest.raises(ValidationError, match="cut-off"):
        perform(late, "cancel", actor=applicant)
    client.post(reverse("applications:withdraw", args=[late.reference]), {"reason": "Too late?"})
    late.refresh_from_db()
    assert late.status == Status.CONFIRMED
    # Staff may still cancel it, with a note.
    with pytest.raises(ValidationError, match="note"):
        perform(late, "cancel_by_staff", actor=create_staff("desk", "reviewer"))
    perform(late, "cancel_by_staff", actor=create_staff("desk2", "reviewer"), note="The room is closed.")
    assert late.status == Status.CANCELLED


def test_the_same_day_cannot_be_booked_twice(db, client):
    client.force_login(create_applicant("twice@example.com"))
    book(client)
    response = client.post(reverse("booked:apply"))
    second = SessionBooking.objects.get(reference=response.url.rstrip("/").split("/")[-1])
    client.post(reverse("booked:apply_details", args=[second.reference]), {"day": NEXT_YEAR})
    client.post(reverse("booked:apply_check", args=[second.reference]))
    second.refresh_from_db()
    assert second.status == Status.DRAFT
