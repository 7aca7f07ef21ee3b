"""Booking the shared lab: a team confirmed once, then slots booked and confirmed at once."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from incubators.lab.models import LabBooking, LabRules, ResearchTeam
from portal.capacity.models import Hold, Place
from portal.models import Status, StatusChange
from tests.lab.helpers import confirm_team, next_open_day
from tests.markup import parse
from tests.pdfs import blank_pdf
from tests.portal.conftest import messages_of


def slot(equipment, day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def book(client, equipment, start, *, purpose="Samples for a coating test"):
    """Through the pages, as a team member would: grid link → start → details → check."""
    response = client.post(
        reverse("lab:apply", args=[equipment.slug]) + f"?start={timezone.localtime(start):%Y-%m-%dT%H:%M}"
    )
    assert response.status_code == 302, response.content
    booking = LabBooking.objects.get(reference=response.url.rstrip("/").split("/")[-1])
    local = timezone.localtime(start)
    details = client.get(reverse("lab:apply_details", args=[booking.reference]))
    form = parse(details.content)
    assert (
        form.find("input", id_="id_day").attrs["value"] == f"{local:%Y-%m-%d}"
    )  # the slot chosen on the grid
    response = client.post(
        reverse("lab:apply_details", args=[booking.reference]),
        {"day": f"{local:%Y-%m-%d}", "time": f"{local:%H:%M}", "purpose": purpose},
    )
    assert response.status_code == 302, response.context["form"].errors
    response = client.post(reverse("lab:apply_check", args=[booking.reference]))
    booking.refresh_from_db()
    return booking, response


def test_team_confirmed_once_then_two_bookings_with_no_further_review(
    client, equipment, approver, django_capture_on_commit_callbacks, mailoutbox
):
    from tests.people import create_applicant

    applicant = create_applicant("newteam@example.com")
    client.force_login(applicant)
    # The team through its own journey: details, proof, send.
    response = client.post(reverse("lab:team:apply"))
    team = ResearchTeam.objects.get(reference=response.url.rstrip("/").split("/")[-1])
    response = client.post(
        reverse("lab:team:apply_details", args=[team.reference]),
        {"team_name": "Ink Lab", "institution": "HKUST", "research_field": "Materials", "members": "3"},
    )
    assert response.url == reverse("lab:team:apply_documents", args=[team.reference])
    upload = SimpleUploadedFile("letter.pdf", blank_pdf(), content_type="application/pdf")
    client.post(reverse("lab:team:apply_documents", args=[team.reference]), {"file": upload})
    response = client.post(reverse("lab:team:apply_check", args=[team.reference]))
    assert response.url == reverse("lab:team:apply_done", args=[team.reference])
    team.refresh_from_db()
    assert team.status == Status.SUBMITTED

    from portal.applications.workflow import perform

    perform(team, "start_review", actor=approver)
    perform(team, "approve", actor=approver)
    reviews = StatusChange.objects.filter(by_staff=True).count()

    fume_hood = equipment[2]
    day = next_open_day(fume_hood)
    with django_capture_on_commit_callbacks(execute=True):
        first, response = book(client, fume_hood, slot(fume_hood, day, 10))
        second, _ = book(client, equipment[0], slot(equipment[0], day, 14))
    assert response.url == reverse("lab:apply_done", args=[first.reference])
    assert (first.status, second.status) == (Status.CONFIRMED, Status.CONFIRMED)
    assert first.team == team and second.team == team
    # No one at the office touched them: the portal confirmed each at once.
    assert StatusChange.objects.filter(by_staff=True).count() == reviews
    assert Hold.objects.current().filter(application__in=[first, second]).count() == 2
    done = parse(client.get(response.url).content).find("main").text
    assert "Your slot is confirmed: Fume hood" in done
    page = parse(client.get(first.get_absolute_url()).content).find("main").text
    assert "Fume hood" in page and "Free of charge" in page
    assert any(first.reference in message.subject for message in mailoutbox)


def test_without_a_confirmed_team_the_booking_sends_you_to_the_team_form(client, equipment, make_applicant):
    from tests.people import create_applicant

    client.force_login(create_applicant("noteam@example.com"))
    response = client.get(reverse("lab:apply", args=[equipment[0].slug]))
    assert response.url == reverse("lab:team:apply")
    response = client.post(reverse("lab:apply", args=[equipment[0].slug]))
    assert response.url == reverse("lab:team:apply")
    assert "staff check it once" in messages_of(response)[0]
    assert not LabBooking.objects.exists()


def test_a_team_still_in_review_is_not_enough(client, equipment):
    from tests.people import create_applicant

    applicant = create_applicant("waiting@example.com")
    ResearchTeam.objects.create(applicant=applicant, team_name="Pending")
    client.force_login(applicant)
    assert client.get(reverse("lab:apply", args=[equipment[0].slug])).url == reverse("lab:team:apply")


def test_a_confirmation_lapses_after_the_offices_number_of_days(client, equipment, approver):
    from tests.people import create_applicant

    applicant = create_applicant("lapsed@example.com")
    team = confirm_team(applicant, approver)
    ResearchTeam.objects.filter(pk=team.pk).update(decided_at=timezone.now() - datetime.timedelta(days=40))
    client.force_login(applicant)
    assert client.get(reverse("lab:apply", args=[equipment[0].slug])).status_code == 200
    LabRules.objects.create(team_valid_days=30)
    assert client.get(reverse("lab:apply", args=[equipment[0].slug])).url == reverse("lab:team:apply")


def test_a_taken_slot_is_refused_choose_another(client, equipment, approver, team_member):
    from tests.people import create_applicant

    mill = equipment[1]
    start = slot(mill, next_open_day(mill), 11)
    client.force_login(team_member)
    taken, _ = book(client, mill, start)
    assert taken.status == Status.CONFIRMED

    other = create_applicant("other-team@example.com")
    confirm_team(other, approver, name="Other team")
    client.force_login(other)
    response = client.post(reverse("lab:apply", args=[mill.slug]))
    draft = LabBooking.objects.get(reference=response.url.rstrip("/").split("/")[-1])
    local = timezone.localtime(start)
    response = client.post(
        reverse("lab:apply_details", args=[draft.reference]),
        {"day": f"{local:%Y-%m-%d}", "time": f"{local:%H:%M}", "purpose": "Milling"},
    )
    assert response.status_code == 200
    assert "choose another slot" in response.context["form"].errors["time"][0]
    # The grid shows it taken, and no link to book it.
    grid = parse(client.get(mill.get_absolute_url()).content)
    assert not [link for link in grid.links() if f"?start={local:%Y-%m-%dT%H:%M}" in link]
    assert Place.objects.get(starts_at=start).held == 1


def test_a_slot_taken_between_the_form_and_sending_is_refused_at_the_check(client, equipment, approver):
    from portal.applications.workflow import perform
    from tests.people import create_applicant

    hood = equipment[2]
    start = slot(hood, next_open_day(hood), 9)
    first, second = create_applicant("a@example.com"), create_applicant("b@example.com")
    for applicant in (first, second):
        confirm_team(applicant, approver, name=applicant.email)
    late = LabBooking.objects.create(applicant=second, equipment=hood, starts_at=start, purpose="x")
    early = LabBooking.objects.create(applicant=first, equipment=hood, starts_at=start, purpose="y")
    perform(early, "request", actor=first)
    client.force_login(second)
    response = client.post(reverse("lab:apply_check", args=[late.reference]))
    assert response.status_code == 200
    assert response.context["availability"].is_full
    assert "It is full: it cannot be booked now" in parse(response.content).find("main").text
    late.refresh_from_db()
    assert late.status == Status.DRAFT


def test_the_same_person_cannot_book_two_things_at_the_same_time(client, equipment, team_member):
    start = slot(equipment[0], next_open_day(equipment[0]), 15)
    client.force_login(team_member)
    first, _ = book(client, equipment[0], start)
    second, response = book(client, equipment[1], start)
    assert first.status == Status.CONFIRMED and second.status == Status.DRAFT
    assert first.reference in " ".join(response.context["submit_errors"])


@pytest.mark.parametrize(
    ("when", "field", "words"),
    [
        ("past", "day", "already started or passed"),
        ("too_far", "day", "at most 14 days ahead"),
        ("closed_day", "day", "cannot be booked on Sunday"),
        ("outside_hours", "time", "Choose one of the start times"),
        ("bad_date", "day", "as on a calendar"),
    ],
)
def test_bad_slots_are_explained_next_to_the_field(client, equipment, team_member, when, field, words):
    water = equipment[0]
    today = timezone.localdate()
    sunday = today + datetime.timedelta(days=(7 - today.isoweekday()) or 7)
    day, time = {
        "past": (today - datetime.timedelta(days=1), "10:00"),
        "too_far": (next_open_day(water, after=20), "10:00"),
        "closed_day": (sunday, "10:00"),
        "outside_hours": (next_open_day(water), "19:00"),
        "bad_date": ("31/31/2026", "10:00"),
    }[when]
    client.force_login(team_member)
    response = client.post(reverse("lab:apply", args=[water.slug]))
    reference = response.url.rstrip("/").split("/")[-1]
    response = client.post(
        reverse("lab:apply_details", args=[reference]), {"day": str(day), "time": time, "purpose": "x"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert words in errors[field][0], errors
    # Shown next to the field it is about.
    page = parse(response.content)
    assert words in page.find(id_=f"id_{field}_error").text


def test_a_slot_that_passed_while_in_draft_is_refused_when_sent(client, equipment, team_member):
    water = equipment[0]
    past = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(0, 0)))
    draft = LabBooking.objects.create(applicant=team_member, equipment=water, starts_at=past, purpose="x")
    client.force_login(team_member)
    response = client.post(reverse("lab:apply_check", args=[draft.reference]))
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
