import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from incubators.models import Incubator
from incubators.residency.models import Residency, ResidencyApplication
from portal.applications.workflow import perform
from portal.models import Status
from tests.people import create_applicant
from tests.residency.world import residency_application
from tests.teams.world import add_member, make_team

pytestmark = pytest.mark.django_db


def test_a_team_applies_for_residency_at_the_7plus_community(signed_in, team):
    base = Incubator.objects.get(slug="community-7plus")
    index = signed_in.get(reverse("residency:index")).content.decode()
    assert "空間+" in index or "Space+" in index
    start = reverse("residency:apply", args=[base.slug])
    details = signed_in.post(start)
    application = ResidencyApplication.objects.get(team=None, incubator=base)
    assert details["Location"] == reverse("residency:apply_details", args=[application.reference])
    page = signed_in.get(details["Location"]).content.decode()
    # Only this base's seven "+" services, and only the lead's own teams, are offered.
    assert page.count('name="services"') == base.services.count() == 7
    assert "Harbour Robotics" in page
    move_in = timezone.localdate() + datetime.timedelta(days=20)
    wanted = list(base.services.values_list("pk", flat=True)[:2])
    response = signed_in.post(
        details["Location"],
        {"team": team.pk, "services": wanted, "move_in_on": move_in.isoformat(), "plan": "Robots"},
    )
    assert response["Location"] == reverse("residency:apply_check", args=[application.reference])
    application.refresh_from_db()
    assert sorted(application.services.values_list("pk", flat=True)) == sorted(wanted)
    check = signed_in.get(response["Location"]).content.decode()
    assert "Harbour Robotics" in check and move_in.isoformat() in check
    signed_in.post(response["Location"])
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_services_of_another_base_or_someone_elses_team_are_refused(signed_in, lead, team):
    base = Incubator.objects.get(slug="workshop")
    other_base_service = Incubator.objects.get(slug="community-7plus").services.first()
    strangers_team = make_team(create_applicant("stranger@example.com"), name="Not yours")
    signed_in.post(reverse("residency:apply", args=[base.slug]))
    application = ResidencyApplication.objects.get(applicant=lead)
    response = signed_in.post(
        reverse("residency:apply_details", args=[application.reference]),
        {"team": strangers_team.pk, "services": [other_base_service.pk], "move_in_on": "2020-01-01"},
    )
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.team is None and not application.services.exists()


def test_one_application_per_team_and_base_while_undecided(lead, team):
    residency_application(lead, team, "workshop")
    second = residency_application(lead, team, "workshop", send=False)
    with pytest.raises(ValidationError):
        perform(second, "submit", actor=lead)
    # The same team may apply to the other base.
    other = residency_application(lead, team, "community-7plus")
    assert other.status == Status.SUBMITTED


def test_approval_makes_the_team_resident_with_its_move_in_date(client, lead, team, approver):
    application = residency_application(lead, team, "community-7plus", move_in_days=14)
    perform(application, "start_review", actor=approver)
    perform(application, "approve", actor=approver)
    residency = Residency.objects.get()
    assert residency.team == team and residency.incubator.slug == "community-7plus"
    assert residency.moved_in_on == timezone.localdate() + datetime.timedelta(days=14)
    client.force_login(lead)
    page = client.get(application.get_absolute_url()).content.decode()
    assert f"since {residency.moved_in_on:%Y-%m-%d}" in page
    # A team member sees it on the team's page, read-only.
    member = create_applicant("member@example.com")
    add_member(team, email="member@example.com", user=member)
    client.force_login(member)
    team_page = client.get(team.get_absolute_url()).content.decode()
    assert application.reference in team_page
    assert client.get(application.get_absolute_url()).status_code == 404


def test_a_failed_approval_leaves_no_residency(lead, team, approver):
    application = residency_application(lead, team, "workshop")
    perform(application, "start_review", actor=approver)
    Residency.objects.create(team=team, incubator=application.incubator, moved_in_on=timezone.localdate())
    with pytest.raises(ValidationError):
        perform(application, "approve", actor=approver)
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert Residency.objects.count() == 1


def test_resident_teams_figures(lead, approver):
    first = make_team(lead, name="A", ip_items=2, financing_rmb=1_000_000, output_level="none")
    second = make_team(lead, name="B", ip_items=5, financing_rmb=3_000_000, output_level="10m_plus")
    add_member(second, email="hk@example.com", user=create_applicant("hk@example.com"), from_hk_macau=True)
    add_member(second, email="sz@example.com", user=create_applicant("sz@example.com"), from_hk_macau=False)
    add_member(second, email="invited@example.com")  # not confirmed: not counted
    make_team(lead, name="Not resident", ip_items=100)
    base = Incubator.objects.get(slug="workshop")
    today = timezone.localdate()
    Residency.objects.create(team=first, incubator=base, moved_in_on=today)
    Residency.objects.create(team=second, incubator=base, moved_in_on=today - datetime.timedelta(days=9))
    left = make_team(lead, name="Left", ip_items=50)
    Residency.objects.create(
        team=left,
        incubator=base,
        moved_in_on=today - datetime.timedelta(days=90),
        ended_on=today - datetime.timedelta(days=1),
    )
    figures = Residency.objects.current().figures()
    # The leads of A and B are confirmed members (from Hong Kong or Macau, the default) too.
    assert figures["teams"] == 2
    assert figures["members_now"] == 4
    assert figures["hk_macau_members"] == 3
    assert figures["ip_items"] == 7
    assert figures["financing_rmb"] == 4_000_000
    assert figures["output_10m_plus"] == 1 and figures["output_none"] == 1


def test_the_team_page_takes_the_same_queries_with_more_applications(client, lead, approver):
    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    client.force_login(lead)
    team = make_team(lead)
    residency_application(lead, team, "workshop")
    small = count(team.get_absolute_url())
    residency_application(lead, team, "community-7plus")
    other = make_team(lead, name="Other")
    residency_application(lead, other, "workshop")
    assert count(team.get_absolute_url()) == small


def test_both_bases_pages_lead_to_residency(client):
    for slug in ("workshop", "community-7plus"):
        page = client.get(reverse("incubators:detail", args=[slug])).content.decode()
        assert reverse("residency:index") in page
