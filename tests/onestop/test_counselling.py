"""Booking counselling at the one-stop office: a slot the portal confirms at once, until it is full."""

import datetime

from django.urls import reverse
from django.utils import timezone

from portal.capacity.models import Hold, Place
from portal.models import Status
from programs.onestop.models import CounsellingAppointment, OnestopRules
from tests.markup import parse
from tests.onestop.helpers import booked, next_open_slot
from tests.people import create_applicant


def book(client, start, *, topic="employment", note="My CV and interviews in Shenzhen"):
    """Through the pages, as an applicant would: start → details → check."""
    response = client.post(reverse("onestop:counselling:apply"))
    assert response.status_code == 302, response.content
    appointment = CounsellingAppointment.objects.get(reference=response.url.rstrip("/").split("/")[-1])
    local = timezone.localtime(start)
    response = client.post(
        reverse("onestop:counselling:apply_details", args=[appointment.reference]),
        {"topic": topic, "day": f"{local:%Y-%m-%d}", "time": f"{local:%H:%M}", "note": note},
    )
    if response.status_code != 302:
        return appointment, response
    response = client.post(reverse("onestop:counselling:apply_check", args=[appointment.reference]))
    appointment.refresh_from_db()
    return appointment, response


def test_a_booked_slot_is_confirmed_at_once_and_shown_with_its_time(
    client, applicant, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(applicant)
    start = next_open_slot()
    with django_capture_on_commit_callbacks(execute=True):
        appointment, response = book(client, start)
    assert response.url == reverse("onestop:counselling:apply_done", args=[appointment.reference])
    assert appointment.status == Status.CONFIRMED
    place = Place.objects.get(holds__application=appointment)
    assert (place.starts_at, place.size, place.held) == (start, OnestopRules.current().counsellors, 1)
    page = parse(client.get(appointment.get_absolute_url()).content).find("main").text
    assert "Employment counselling" in page and f"{timezone.localtime(start):%Y-%m-%d %H:%M}" in page
    assert "Add to my calendar" in page
    assert any(appointment.reference in message.subject for message in mailoutbox)


def test_a_full_slot_is_refused_and_another_time_is_asked_for(client, applicant):
    start = next_open_slot()
    rules = OnestopRules.saved()
    for n in range(rules.counsellors):
        booked(create_applicant(f"early{n}@example.com"), start)
    client.force_login(applicant)
    appointment, response = book(client, start)
    assert response.status_code == 200
    assert "This slot is full" in str(response.context["form"].errors["time"])
    assert appointment.status == Status.DRAFT
    # Even past the form (the slot filling up between the pages), the place refuses: no waiting list.
    appointment.topic, appointment.starts_at = "employment", start
    appointment.save()
    response = client.post(reverse("onestop:counselling:apply_check", args=[appointment.reference]))
    appointment.refresh_from_db()
    assert appointment.status == Status.DRAFT
    assert Hold.objects.current().filter(place__starts_at=start).count() == rules.counsellors


def test_staff_confirm_when_the_office_says_so(client, applicant):
    rules = OnestopRules.saved()
    rules.confirm_at_once = False
    rules.save()
    client.force_login(applicant)
    appointment, _response = book(client, next_open_slot())
    assert appointment.status == Status.REQUESTED
    assert (
        "Staff confirm each booking." in parse(client.get(reverse("onestop:counselling:apply")).content).text
    )


def test_the_office_rules_decide_the_slots(client, applicant):
    rules = OnestopRules.saved()
    client.force_login(applicant)
    closed = timezone.localdate() + datetime.timedelta(days=1)
    while rules.is_open_on(closed):
        closed += datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(closed, datetime.time(10, 30)))
    _appointment, response = book(client, start)
    assert "no counselling on" in str(response.context["form"].errors["day"])
    far = next_open_slot(after=rules.book_days_ahead + 1)
    _appointment, response = book(client, far)
    assert "at most 14 days ahead" in str(response.context["form"].errors["day"])
    page = parse(client.get(reverse("onestop:index")).content).text
    assert "The office's rules, not the programme document's" in page


def test_cancelling_frees_the_slot(client, applicant):
    start = next_open_slot(after=5)
    appointment = booked(applicant, start)
    client.force_login(applicant)
    client.post(reverse("applications:withdraw", args=[appointment.reference]), {"reason": "Found a job"})
    appointment.refresh_from_db()
    assert appointment.status == Status.CANCELLED
    assert Place.objects.get(starts_at=start).held == 0
