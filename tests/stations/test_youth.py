"""The youth station: dates and purpose, on application, confirmed by staff; the office's limits."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lodging.stations.models import Purpose, StationRules, YouthStationStay
from portal.applications.workflow import available_actions, perform
from portal.models import Status
from tests.markup import parse
from tests.people import create_applicant, create_staff
from tests.stations.helpers import OVERTIME, YOUTH, room_type, youth_stay

TODAY = timezone.localdate


def start(client, room) -> YouthStationStay:
    response = client.post(reverse("stations:apply", args=[room.slug]))
    assert response.status_code == 302, response
    return YouthStationStay.objects.get(reference=response.url.rstrip("/").split("/")[-1])


def details(client, stay, *, arrival=None, nights=3, purpose="friends"):
    arrival = arrival or TODAY() + datetime.timedelta(days=14)
    data = {"arrival": arrival.isoformat(), "nights": nights, "purpose": purpose}
    return client.post(reverse("stations:apply_details", args=[stay.reference]), data)


def test_the_station_page_lists_hotels_and_the_office_rules(client, youth_room):
    main = parse(client.get(reverse("stations:youth")).content).find("main")
    assert "Lychee Hotel" in main.text and "up to 7 nights" in main.text
    assert (
        "The office's own rules" in main.text and "At most 2 stays per person per calendar year." in main.text
    )
    hrefs = [a.attrs["href"] for a in main.find_all("a")]
    assert reverse("stations:apply", args=[youth_room.slug]) in hrefs


def test_apply_then_staff_confirm(signed_in, applicant, youth_room, django_capture_on_commit_callbacks):
    stay = start(signed_in, youth_room)
    assert stay.room_type == youth_room
    response = details(signed_in, stay)
    assert response.url == reverse("stations:apply_check", args=[stay.reference])
    check = parse(signed_in.get(response.url).content).find("main")
    assert "Visiting friends" in check.text and "1 place free" in check.text
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(reverse("stations:apply_check", args=[stay.reference]))
    assert response.url == reverse("stations:apply_done", args=[stay.reference])
    stay.refresh_from_db()
    # On application: it waits for staff.
    assert stay.status == Status.REQUESTED
    listing = parse(signed_in.get(reverse("applications:list")).content).find("main").text
    assert "staff will confirm your booking" in listing

    reviewer = create_staff("desk", "reviewer")
    assert "confirm" in {t.action for t in available_actions(reviewer, stay)}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        perform(stay, "confirm", actor=reviewer, expected_status=Status.REQUESTED)
    stay.refresh_from_db()
    assert stay.status == Status.CONFIRMED and len(mail.outbox) == 1
    detail = parse(signed_in.get(stay.get_absolute_url()).content).find("main").text
    assert "Lychee Hotel" in detail and "Departure" in detail


def test_a_full_hotel_puts_the_stay_on_the_waiting_list(signed_in, applicant, youth_room):
    arrival = TODAY() + datetime.timedelta(days=5)
    youth_stay(create_applicant("first@example.com"), youth_room, arrival=arrival, nights=2)
    stay = start(signed_in, youth_room)
    details(signed_in, stay, arrival=arrival, nights=1)
    check = parse(signed_in.get(reverse("stations:apply_check", args=[stay.reference])).content).find("main")
    assert "Join the waiting list" in check.text
    signed_in.post(reverse("stations:apply_check", args=[stay.reference]))
    stay.refresh_from_db()
    assert stay.status == Status.WAITLISTED


def test_only_the_youth_stations_rooms_can_be_applied_for(signed_in):
    overtime_room = room_type(OVERTIME)
    assert signed_in.post(reverse("stations:apply", args=[overtime_room.slug])).status_code == 404


@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        ("past", "arrival", "The arrival date is in the past"),
        ("eight nights", "nights", "at most 7 free nights"),
        ("no night", "nights", "Stay at least 1 night."),
        ("too far ahead", "arrival", "up to 60 days ahead"),
        ("over the yearly limit", "arrival", "The office's limit is 2 stays per person"),
        ("the same night twice", "arrival", "You already have a stay on one of these nights"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(signed_in, applicant, youth_room, case, field, message):
    arrival, nights = TODAY() + datetime.timedelta(days=20), 2
    if case == "past":
        arrival = TODAY() - datetime.timedelta(days=1)
    elif case == "eight nights":
        nights = 8
    elif case == "no night":
        nights = -1
    elif case == "too far ahead":
        arrival = TODAY() + datetime.timedelta(days=61)
    elif case == "over the yearly limit":
        # Two stays this year already, on other nights (the limit counts by the arrival's year).
        arrival = datetime.date(TODAY().year + 1, 1, 20)
        StationRules.objects.filter(scheme__slug=YOUTH).update(book_ahead_days=400)
        for day in (2, 10):
            stay = youth_stay(applicant, youth_room, arrival=datetime.date(arrival.year, 1, day), nights=1)
            assert stay.status == Status.REQUESTED
    elif case == "the same night twice":
        youth_stay(applicant, youth_room, arrival=arrival + datetime.timedelta(days=1), nights=1)
    stay = start(signed_in, youth_room)
    response = details(signed_in, stay, arrival=arrival, nights=nights)
    assert response.status_code == 200
    error = parse(response.content).find(id=f"id_{field}_error")
    assert error is not None and message in error.text, parse(response.content).find("main").text
    stay.refresh_from_db()
    assert stay.arrival is None and stay.status == Status.DRAFT


def test_the_rules_are_checked_again_when_sending(signed_in, applicant, youth_room):
    stay = start(signed_in, youth_room)
    details(signed_in, stay, arrival=TODAY() + datetime.timedelta(days=30))
    StationRules.objects.filter(scheme__slug=YOUTH).update(book_ahead_days=7)
    response = signed_in.post(reverse("stations:apply_check", args=[stay.reference]))
    assert "Still to fill in: Arrival date." in parse(response.content).find("main").text
    stay.refresh_from_db()
    assert stay.status == Status.DRAFT
    # The details page says why, next to the field; the workflow refuses it too.
    page = parse(signed_in.get(reverse("stations:apply_details", args=[stay.reference])).content)
    with pytest.raises(ValidationError, match="up to 7 days ahead"):
        perform(stay, "request", actor=applicant)
    assert page.find(id="id_arrival") is not None


def test_purpose_choices_are_the_documents():
    assert set(Purpose.values) == {"shopping", "travel", "friends"}
