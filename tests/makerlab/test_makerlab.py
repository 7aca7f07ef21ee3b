"""Trouble Maker labs: membership → member code → booking lab time through the capacity mechanism."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from incubators.makerlab.models import MakerLabBooking, MakerMembership
from portal.applications.workflow import TransitionError, perform
from portal.capacity.services import PlaceFull
from portal.models import Status
from tests.makerlab.helpers import approved_member, next_slot
from tests.people import create_applicant


def test_an_approved_member_gets_a_unique_code_shown_on_their_application(client, labs, approver):
    first = approved_member(create_applicant("maker1@example.com"), approver)
    second_person = create_applicant("maker2@example.com")
    second = approved_member(second_person, approver)
    assert first.member_code.startswith("TM-") and len(first.member_code) == 11
    assert first.member_code != second.member_code
    client.force_login(second_person)
    assert second.member_code in client.get(second.get_absolute_url()).content.decode()
    assert second.member_code in client.get(reverse("makerlab:list")).content.decode()


def test_booking_needs_a_membership_first(client, labs):
    person = create_applicant("nomember@example.com")
    client.force_login(person)
    response = client.get(reverse("makerlab:apply", args=[labs[0].slug]))
    assert response.status_code == 302 and response.url == reverse("makerlab:member:apply")
    booking = MakerLabBooking.objects.create(applicant=person, lab=labs[0], starts_at=next_slot(labs[0]))
    with pytest.raises(TransitionError):
        perform(booking, "request", actor=person)


def book(client, person, lab, start):
    client.force_login(person)
    details = client.post(reverse("makerlab:apply", args=[lab.slug])).url
    local = timezone.localtime(start)
    response = client.post(
        details, {"day": local.date().isoformat(), "time": local.strftime("%H:%M"), "purpose": "Drone frame"}
    )
    assert response.status_code == 302, response.context["form"].errors
    return client.post(response.url)


def test_a_member_books_lab_time_confirmed_at_once_and_a_full_slot_refuses(client, labs, approver):
    lab = labs[0]
    member = create_applicant("member@example.com")
    approved_member(member, approver)
    start = next_slot(lab)
    assert book(client, member, lab, start).status_code == 302
    booking = MakerLabBooking.objects.get(applicant=member)
    assert booking.status == Status.CONFIRMED
    assert booking.membership.member_code

    # One bench by default: a second member's booking of the same slot is refused by the place.
    other = create_applicant("member2@example.com")
    approved_member(other, approver)
    late = MakerLabBooking.objects.create(applicant=other, lab=lab, starts_at=start, purpose="x")
    with pytest.raises(PlaceFull):
        perform(late, "request", actor=other)
    # With a second bench set by staff, it fits (new slots are made with the lab's benches).
    lab.benches = 2
    lab.save()
    later = next_slot(lab, index=1)
    for person in (member, other):
        b = MakerLabBooking.objects.create(applicant=person, lab=lab, starts_at=later, purpose="y")
        perform(b, "request", actor=person)
        assert b.status == Status.CONFIRMED


def test_a_slot_outside_the_labs_hours_is_refused_next_to_the_day(client, labs, approver):
    lab = labs[0]
    member = create_applicant("hours@example.com")
    approved_member(member, approver)
    client.force_login(member)
    details = client.post(reverse("makerlab:apply", args=[lab.slug])).url
    far = timezone.localdate() + datetime.timedelta(days=lab.book_days_ahead + 7)
    while far.isoweekday() not in lab.weekdays:
        far += datetime.timedelta(days=1)
    response = client.post(details, {"day": far.isoformat(), "time": "10:00", "purpose": "x"})
    assert "at most 14 days ahead" in response.context["form"].errors["day"][0]


def test_the_lab_page_query_count_does_not_grow(client, labs, approver):
    member = create_applicant("counter@example.com")
    approved_member(member, approver)
    client.force_login(member)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("makerlab:list")).status_code == 200
        return len(queries)

    def grow(n):
        for i in range(n):
            person = create_applicant(f"g{MakerMembership.objects.count()}-{i}@example.com")
            approved_member(person, approver)

    grow(2)
    before = count()
    grow(6)
    assert count() == before


def test_a_maker_applies_for_membership_through_the_pages(client, labs, approver, mailoutbox):
    person = create_applicant("pages@example.com")
    client.force_login(person)
    details = client.post(reverse("makerlab:member:apply")).url
    response = client.post(details, {"making": "A wind-powered lamp", "experience": "Soldering"})
    assert response.status_code == 302 and response.url.endswith("/check/")
    assert client.post(response.url).status_code == 302
    membership = MakerMembership.objects.get(applicant=person)
    assert membership.status == Status.SUBMITTED and membership.member_code is None
    perform(membership, "start_review", actor=approver)
    perform(membership, "approve", actor=approver)
    membership.refresh_from_db()
    page = client.get(membership.get_absolute_url()).content.decode()
    assert membership.member_code in page and reverse("makerlab:list") in page
