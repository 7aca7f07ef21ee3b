"""Bookings of a scheme with places, through the pages an applicant uses.

The scheme (tests/schemes/models.py: Workshop, WorkshopSeat) has nothing of its own but its model,
form, admin and rules; the shared journey, workflow, capacity mechanism, emails and pages do the
rest. Each test goes through real HTTP requests and reads what the applicant would read.
"""

import datetime
import re

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.applications.workflow import perform
from portal.capacity.models import Hold, Place, WaitlistEntry
from portal.models import Status
from programs.models import Office
from tests.markup import parse
from tests.people import create_applicant, create_staff
from tests.schemes.models import Room, RoomLease, RoomStay, Workshop, WorkshopSeat

pytestmark = pytest.mark.urls("tests.portal.booking_urls")


def at(days, hour=10):
    """A time `days` from today, on the hour, in the portal's time zone."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def workshop(db):
    return Workshop.objects.create(
        name="Pitch clinic", slug="pitch-clinic", starts_at=at(30), ends_at=at(30, 12), seats=10
    )


@pytest.fixture
def person(client):
    """person("name") → a client signed in as a new applicant with a complete profile."""
    from django.test import Client

    def make(name):
        visitor = Client()
        visitor.force_login(create_applicant(f"{name}@example.com"))
        return visitor

    return make


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (emails) inside the test's transaction, as a real request would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def text(response):
    return " ".join(parse(response.content).find("main").text.split())


def book(visitor, workshop, *, expect_full=False) -> WorkshopSeat:
    """Start under the workshop, give the details, read the check page, send it."""
    start = reverse("workshops:apply", args=[workshop.slug])
    assert visitor.get(start).status_code == 200
    response = visitor.post(start)
    reference = response.url.rstrip("/").split("/")[-1]
    response = visitor.post(reverse("workshops:apply_details", args=[reference]), {"needs": ""})
    check = reverse("workshops:apply_check", args=[reference])
    assert response.url == check
    page = text(visitor.get(check))
    assert workshop.name in page
    if expect_full:
        assert "Join the waiting list" in page and "full" in page
    else:
        assert "Send your booking" in page and "Join the waiting list" not in page
        assert re.search(r"\d+ places? free", page), page
    response = visitor.post(check)
    assert response.status_code == 302, text(response)
    return WorkshopSeat.objects.get(reference=reference)


def test_a_seat_is_booked_through_the_pages_and_confirmed_at_once(workshop, person, run_on_commit):
    visitor = person("first")
    with run_on_commit():
        seat = book(visitor, workshop)
    assert seat.status == Status.CONFIRMED
    assert "10 places free" not in text(visitor.get(seat.get_absolute_url()))
    # One email, saying where the booking ended up (not "requested" then "confirmed").
    assert len(mail.outbox) == 1 and "Confirmed" in mail.outbox[0].body
    (place,) = Place.objects.for_target(workshop)
    assert (place.size, place.held, place.starts_at) == (10, 1, workshop.starts_at)


def test_the_eleventh_of_ten_waits_and_takes_a_freed_seat_from_the_offer(workshop, person, run_on_commit):
    people = [person(f"p{i}") for i in range(11)]
    seats = [book(visitor, workshop) for visitor in people[:10]]
    assert {seat.status for seat in seats} == {Status.CONFIRMED}

    with run_on_commit():
        eleventh = book(people[10], workshop, expect_full=True)
    assert eleventh.status == Status.WAITLISTED
    assert "waiting list" in mail.outbox[-1].body
    assert "on the waiting list" in text(people[10].get(reverse("applications:list")))

    mail.outbox.clear()
    with run_on_commit():
        response = people[0].post(
            reverse("applications:withdraw", args=[seats[0].reference]), {"reason": "Cannot come."}
        )
    assert "is cancelled" in text(people[0].get(response.url))
    offer = next(message for message in mail.outbox if message.to == ["p10@example.com"])
    accept = reverse("applications:accept", args=[eleventh.reference])
    assert accept in offer.body and "kept for you until" in offer.body

    page = text(people[10].get(eleventh.get_absolute_url()))
    assert "A place is free for you" in page
    with run_on_commit():
        response = people[10].post(accept)
    assert "The place is yours" in text(people[10].get(response.url))
    eleventh.refresh_from_db()
    assert eleventh.status == Status.CONFIRMED
    (place,) = Place.objects.for_target(workshop).with_availability()
    assert (place.held, place.offered, place.waiting) == (10, 0, 0)


def test_an_offer_not_taken_in_time_lapses_and_goes_to_the_next(workshop, person, run_on_commit):
    workshop.seats = 1
    workshop.save()
    holder, late, next_one = person("holder"), person("late"), person("next")
    seat = book(holder, workshop)
    late_seat = book(late, workshop, expect_full=True)
    next_seat = book(next_one, workshop, expect_full=True)
    perform(seat, "cancel", actor=seat.applicant, note="")
    # The offer's time runs out (24 hours by default, CAPACITY_OFFER_HOURS).
    Hold.objects.filter(application=late_seat).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    mail.outbox.clear()
    with run_on_commit():
        call_command("expire_offers", stdout=open("/dev/null", "w"))  # noqa: SIM115

    late_seat.refresh_from_db()
    next_seat.refresh_from_db()
    assert late_seat.status == Status.CANCELLED
    assert next_seat.status == Status.WAITLISTED
    assert (
        Hold.objects.current().get(place__in=Place.objects.for_target(workshop)).application_id
        == next_seat.pk
    )
    to = {message.to[0]: message.body for message in mail.outbox}
    assert "Cancelled" in to["late@example.com"]
    assert reverse("applications:accept", args=[next_seat.reference]) in to["next@example.com"]
    assert "Status Cancelled" in text(late.get(late_seat.get_absolute_url()))


def test_the_timeline_does_not_say_the_applicant_did_what_the_portal_did(workshop, person):
    workshop.seats = 0
    workshop.save()
    visitor = person("waiting")
    seat = book(visitor, workshop, expect_full=True)
    timeline = parse(visitor.get(seat.get_absolute_url()).content).find(cls="timeline")
    entries = [item.text for item in timeline.find_all("li")]
    waitlisted = next(entry for entry in entries if "On the waiting list" in entry)
    assert "By you" not in waitlisted and "By the portal" in waitlisted


def test_cancelling_is_refused_after_the_offices_cut_off(workshop, person):
    office = Office.current()
    office.cancel_hours = 48
    office.save()
    visitor = person("late")
    soon = timezone.now() + datetime.timedelta(hours=30)
    workshop.starts_at, workshop.ends_at = soon, soon + datetime.timedelta(hours=2)
    workshop.save()
    seat = book(visitor, workshop)
    url = reverse("applications:withdraw", args=[seat.reference])

    response = visitor.post(url, {"reason": "Something came up."}, follow=True)

    assert "can no longer be withdrawn" in text(response)
    seat.refresh_from_db()
    assert seat.status == Status.CONFIRMED
    # The office's rule, not the document's: with 24 hours it is not past yet.
    office.cancel_hours = 24
    office.save()
    visitor.post(url, {"reason": "Something came up."})
    seat.refresh_from_db()
    assert seat.status == Status.CANCELLED


def test_a_confirmed_booking_goes_into_a_calendar(workshop, person):
    visitor = person("calendar")
    seat = book(visitor, workshop)
    response = visitor.get(reverse("applications:calendar", args=[seat.reference]))
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart") == workshop.starts_at
    assert event.decoded("dtend") == workshop.ends_at
    assert "Pitch clinic" in str(event["summary"])


def test_a_stay_goes_into_a_calendar_as_whole_days(db, client):
    applicant = create_applicant("stay@example.com")
    client.force_login(applicant)
    room = Room.objects.create(name="Twin room", slug="twin", rooms=2)
    arrive = timezone.localdate() + datetime.timedelta(days=20)
    stay = RoomStay.objects.create(
        applicant=applicant, room=room, arrive=arrive, leave=arrive + datetime.timedelta(days=3)
    )
    perform(stay, "request", actor=stay.applicant)
    assert stay.status == Status.CONFIRMED
    response = client.get(reverse("applications:calendar", args=[stay.reference]))
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert "Twin room" in str(event["summary"])
    # Whole days: the first night to the morning of departure, no times.
    assert event.decoded("dtstart") == arrive
    assert event.decoded("dtend") == arrive + datetime.timedelta(days=3)
    assert not isinstance(event.decoded("dtstart"), datetime.datetime)


def test_reminders_go_once_for_each_booking_starting_tomorrow(workshop, person, run_on_commit):
    tomorrow = Workshop.objects.create(
        name="Tax basics", slug="tax", starts_at=at(1, 15), ends_at=at(1, 17), seats=5
    )
    kept = [book(person(f"r{i}"), tomorrow) for i in range(2)]
    dropped = book(person("dropped"), tomorrow)
    later = book(person("later"), workshop)  # in 30 days: no reminder yet
    perform(dropped, "cancel_by_staff", actor=create_staff("desk", "reviewer"), note="Closed.")
    mail.outbox.clear()

    with run_on_commit():
        call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(message.to[0] for message in mail.outbox) == ["r0@example.com", "r1@example.com"]
    assert all(seat.reference in " ".join(m.subject + m.body for m in mail.outbox) for seat in kept)
    assert later.reference not in " ".join(m.body for m in mail.outbox)

    with run_on_commit():
        call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2


def test_my_applications_lists_bookings_in_a_constant_number_of_queries(
    workshop, client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    applicant = create_applicant("many@example.com")
    client.force_login(applicant)
    url = reverse("applications:list")

    def add(count):
        for _ in range(count):
            target = Workshop.objects.create(
                name=f"Session {Workshop.objects.count()}",
                slug=f"s-{Workshop.objects.count()}",
                starts_at=at(10),
                ends_at=at(10, 11),
                seats=1,
            )
            seat = WorkshopSeat.objects.create(applicant=applicant, workshop=target)
            perform(seat, "request", actor=applicant)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), text(response)

    add(2)
    few, page = queries()
    assert "Session" in page and "Confirmed" in page and "Come on the day" in page
    assert "When:" in page
    add(6)
    many, page = queries()
    assert page.count("Come on the day") == 8
    assert many == few


def test_a_full_workshop_without_a_waiting_list_refuses_and_changes_nothing(workshop, person):
    workshop.seats, workshop.waiting_list = 1, False
    workshop.save()
    book(person("first"), workshop)
    second = person("second")
    response = second.post(reverse("workshops:apply", args=[workshop.slug]))
    reference = response.url.rstrip("/").split("/")[-1]
    second.post(reverse("workshops:apply_details", args=[reference]), {"needs": ""})
    check = reverse("workshops:apply_check", args=[reference])
    assert "cannot be booked now" in text(second.get(check))

    response = second.post(check)

    assert response.status_code == 200
    assert "This is full: Pitch clinic" in text(response)
    seat = WorkshopSeat.objects.get(reference=reference)
    assert seat.status == Status.DRAFT
    (place,) = Place.objects.for_target(workshop)
    assert place.held == 1
    assert not WaitlistEntry.objects.filter(application=seat).exists()
    assert not seat.changes.exists()


def test_a_review_scheme_holds_places_on_approval_and_refuses_when_full(db):
    room = Room.objects.create(name="Studio", slug="studio", rooms=1)
    arrive = timezone.localdate() + datetime.timedelta(days=40)
    approver = create_staff("approver", "approver")
    reviewer = create_staff("reviewer", "reviewer")
    leases = []
    for name in ("one", "two"):
        applicant = create_applicant(f"{name}@example.com")
        lease = RoomLease.objects.create(
            applicant=applicant, room=room, arrive=arrive, leave=arrive + datetime.timedelta(days=2)
        )
        perform(lease, "submit", actor=applicant)
        perform(lease, "start_review", actor=reviewer)
        leases.append(lease)
    # Submitting holds nothing: the places are taken when staff approve.
    assert not Hold.objects.exists()

    perform(leases[0], "approve", actor=approver)
    assert sorted(Hold.objects.current().values_list("place__day", flat=True)) == [
        arrive,
        arrive + datetime.timedelta(days=1),
    ]

    with pytest.raises(ValidationError, match="full"):
        perform(leases[1], "approve", actor=approver)
    leases[1].refresh_from_db()
    assert leases[1].status == Status.IN_REVIEW
    assert not Hold.objects.filter(application=leases[1]).exists()
    assert not leases[1].changes.filter(action="approve").exists()


def test_a_place_is_named_with_its_local_time(workshop):
    (place,) = WorkshopSeat(workshop=workshop).places()
    place = Place.objects.get(pk=place.pk)  # as every page reads it: from the database, in UTC
    # 10:00 in Shenzhen (Asia/Shanghai) is 02:00 UTC.
    assert "10 a.m." in str(place)
