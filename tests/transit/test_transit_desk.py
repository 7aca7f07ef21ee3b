"""The business transit station desk: applying, the first-office rule, allocation through the
capacity mechanism, the end date, and the reminder before it."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from incubators.teams.models import Team
from incubators.transit.models import TransitDeskApplication
from portal.applications.workflow import perform
from portal.capacity.models import Hold, Place
from portal.capacity.services import PlaceFull
from portal.models import Status
from tests.people import create_applicant

START = datetime.date(2027, 3, 1)


def applied(lead, team, station, *, start=START) -> TransitDeskApplication:
    application = TransitDeskApplication.objects.create(
        applicant=lead, station=station, team=team, first_office=True, start_date=start
    )
    perform(application, "submit", actor=lead)
    return application


def approve(application, approver):
    perform(application, "start_review", actor=approver)
    perform(application, "approve", actor=approver)


def test_approval_holds_a_desk_every_night_for_half_a_year(lead, team, station, approver):
    application = applied(lead, team, station)
    approve(application, approver)
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    # Half a year from 1 March: the last day is 31 August.
    assert application.ends_on == datetime.date(2027, 8, 31)
    held = Hold.objects.current().filter(application=application).values("place")
    nights = Place.objects.for_target(station).filter(pk__in=held).order_by("day")
    days = list(nights.values_list("day", flat=True))
    assert days[0] == START and days[-1] == datetime.date(2027, 8, 31) and len(days) == 184
    assert all(place.size == 10 for place in nights)


def test_the_last_desk_cannot_be_allocated_twice(lead, team, station, approver):
    station.desks = 1
    station.save()
    first = applied(lead, team, station)
    other = create_applicant("other-lead@example.com")
    second = applied(
        other,
        Team.objects.create(name="Kowloon Labs", lead=other),
        station,
        start=START + datetime.timedelta(days=90),
    )
    approve(first, approver)
    perform(second, "start_review", actor=approver)
    with pytest.raises(PlaceFull):
        perform(second, "approve", actor=approver)
    second.refresh_from_db()
    assert second.status == Status.IN_REVIEW
    assert not Hold.objects.current().filter(application=second).exists()
    # Staff add a desk: the nights already made follow, and the second team gets it.
    station.desks = 2
    station.save()
    perform(second, "approve", actor=approver)
    assert second.status == Status.APPROVED


def test_one_desk_per_team_at_a_time(lead, team, station):
    applied(lead, team, station)
    again = TransitDeskApplication.objects.create(
        applicant=lead,
        station=station,
        team=team,
        first_office=True,
        start_date=START + datetime.timedelta(days=30),
    )
    with pytest.raises(Exception):  # noqa: B017 - the shared claim check refuses, whatever its class
        perform(again, "submit", actor=lead)
    again.refresh_from_db()
    assert again.status == Status.DRAFT


def details_url(client, lead, station):
    client.force_login(lead)
    response = client.post(reverse("transit:apply", args=[station.slug]))
    assert response.status_code == 302
    return response.url


def test_a_team_with_a_mainland_office_is_told_why_next_to_the_question(client, lead, team, station):
    url = details_url(client, lead, station)
    start = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    response = client.post(url, {"team": team.pk, "first_office": "no", "start_date": start})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["first_office"]
    assert "newly arrived in the mainland" in errors["first_office"][0]
    assert "as the document says" in errors["first_office"][0]


def test_only_teams_the_applicant_leads_can_be_chosen(client, lead, team, station):
    url = details_url(client, lead, station)
    someone = create_applicant("someone@example.com")
    theirs = Team.objects.create(name="Not yours", lead=someone)
    start = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    response = client.post(url, {"team": theirs.pk, "first_office": "yes", "start_date": start})
    assert "team" in response.context["form"].errors
    response = client.post(url, {"team": team.pk, "first_office": "yes", "start_date": start})
    assert response.status_code == 302 and response.url.endswith("/check/")
    check = client.get(response.url).content.decode()
    assert "A desk is free now for every day you asked for." in check


def test_the_team_sees_the_end_date_once_approved(client, lead, team, station, approver):
    application = applied(lead, team, station)
    approve(application, approver)
    client.force_login(lead)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Your desk ends on" in page and "2027-08-31" in page
    assert "not extended automatically" in page


def test_the_reminder_goes_once_the_stations_days_before_the_end(lead, team, station, approver, mailoutbox):
    application = applied(lead, team, station)
    approve(application, approver)
    call_command("send_desk_reminders")  # today is long before the reminder is due
    assert mailoutbox == []
    from incubators.transit.reminders import send_desk_reminders

    due = datetime.date(2027, 8, 1)  # 30 days before 31 August
    assert send_desk_reminders(due - datetime.timedelta(days=1)) == 0
    assert send_desk_reminders(due) == 1
    assert send_desk_reminders(due) == 0
    assert send_desk_reminders(due + datetime.timedelta(days=3)) == 0
    assert len(mailoutbox) == 1
    assert "2027-08-31" in mailoutbox[0].subject
    assert "not extended automatically" in mailoutbox[0].body
    application.refresh_from_db()
    assert application.reminder_sent_at is not None


def test_the_page_says_whose_rules_they_are(client, station):
    page = client.get(reverse("transit:index")).content.decode()
    assert "half a year (6 months), as the document says" in page
    assert "This is the office&#x27;s number." in page or "This is the office's number." in page
    assert reverse("transit:apply", args=[station.slug]) in page


def test_the_station_page_query_count_does_not_grow_with_applications(
    client, station, approver, django_assert_num_queries
):
    def grow(n):
        for i in range(n):
            person = create_applicant(f"grow{TransitDeskApplication.objects.count()}-{i}@example.com")
            applied(person, Team.objects.create(name=f"T{i}", lead=person), station)

    grow(2)
    client.get(reverse("transit:index"))
    with django_assert_num_queries(count := _count(client)):
        client.get(reverse("transit:index"))
    grow(6)
    with django_assert_num_queries(count):
        client.get(reverse("transit:index"))


def _count(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("transit:index"))
    return len(queries)


def test_the_7plus_community_page_offers_the_desk_and_the_maker_labs(client, station):
    page = client.get(reverse("incubators:detail", args=["community-7plus"])).content.decode()
    assert reverse("transit:index") in page
    assert reverse("makerlab:list") in page
