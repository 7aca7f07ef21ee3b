"""The GBA programme's cohorts: the window, one application per team, the award limit, scores, results."""

import datetime
from decimal import Decimal
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.applications.workflow import perform
from portal.capacity.services import PlaceFull
from portal.catalogue.actions import actions_for
from portal.models import Status
from programs.cohorts import scoring
from programs.cohorts.models import CohortApplication, Milestone, Score
from programs.cohorts.services import save_cohort
from programs.models import Programme
from tests.cohorts.world import accepted, make_cohort, make_team, submitted
from tests.people import create_applicant, create_staff

pytestmark = pytest.mark.django_db


def test_a_team_applies_through_the_journey_and_only_its_own_teams_are_offered(client, cohort):
    lead = create_applicant("lead@example.com")
    team = make_team(lead)
    make_team(create_applicant("other@example.com"), name="Someone Else's Team")
    client.force_login(lead)
    response = client.post(reverse("cohorts:apply", args=[cohort.slug]))
    draft = CohortApplication.objects.get(applicant=lead)
    assert response.url == reverse("cohorts:apply_details", args=[draft.reference])
    page = client.get(response.url).content.decode()
    assert "Harbour Robotics" in page and "Someone Else" not in page
    details = {"team": team.pk, "pitch": "Robots", "coaching_goals": "Customers", "may_be_named": "on"}
    response = client.post(reverse("cohorts:apply_details", args=[draft.reference]), details)
    assert response.url == reverse("cohorts:apply_check", args=[draft.reference])
    client.post(reverse("cohorts:apply_check", args=[draft.reference]))
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.may_be_named


def test_someone_elses_team_is_refused_by_the_form(client, cohort):
    lead = create_applicant("lead@example.com")
    stranger_team = make_team(create_applicant("other@example.com"))
    draft = CohortApplication.objects.create(applicant=lead, cohort=cohort)
    client.force_login(lead)
    response = client.post(
        reverse("cohorts:apply_details", args=[draft.reference]),
        {"team": stranger_team.pk, "pitch": "x", "coaching_goals": "y"},
    )
    assert "Choose one of the teams you lead." in response.content.decode()


def test_applications_are_taken_only_within_the_window(client):
    closed = make_cohort("closed", opens_in_days=-60)
    later = make_cohort("later", opens_in_days=10)
    lead = create_applicant("lead@example.com")
    for cohort in (closed, later):
        application = CohortApplication.objects.create(
            applicant=lead, cohort=cohort, team=make_team(lead), pitch="p", coaching_goals="g"
        )
        with pytest.raises(ValidationError, match="Applications to this cohort are taken from"):
            perform(application, "submit", actor=lead)
    client.force_login(lead)
    page = client.get(reverse("cohorts:apply", args=[closed.slug])).content.decode()
    assert "takes applications from" in page and "Start your application" not in page


def test_one_application_per_team_per_cohort(cohort):
    lead = create_applicant("lead@example.com")
    team = make_team(lead)
    submitted(cohort, team)
    second = CohortApplication.objects.create(
        applicant=lead, cohort=cohort, team=team, pitch="again", coaching_goals="g"
    )
    with pytest.raises(ValidationError):
        perform(second, "submit", actor=lead)
    # Another team of the same lead, and the same team in another cohort, are separate claims.
    perform(
        CohortApplication.objects.create(
            applicant=lead, cohort=cohort, team=make_team(lead, "Second Team"), pitch="p", coaching_goals="g"
        ),
        "submit",
        actor=lead,
    )
    submitted(make_cohort("autumn"), team)


def test_no_more_awards_than_the_cohort_has(cohort, approver):
    teams = [make_team(create_applicant(f"lead{n}@example.com"), f"Team {n}") for n in range(3)]
    applications = [accepted(cohort, team, approver) for team in teams]
    perform(applications[0], "award", actor=approver)
    perform(applications[1], "award", actor=approver)
    with pytest.raises(PlaceFull):
        perform(applications[2], "award", actor=approver)
    applications[2].refresh_from_db()
    assert applications[2].status == Status.ACCEPTED
    assert cohort.award_place().held == 2
    # Nor can staff lower the number below the awards given.
    cohort.awards = 1
    with pytest.raises(ValidationError) as refused:
        save_cohort(cohort)
    assert "awards" in refused.value.message_dict
    cohort.awards = 3
    save_cohort(cohort)
    perform(applications[2], "award", actor=approver)
    assert cohort.award_place().held == 3


def test_scores_are_combined_with_weights_over_reviewers(cohort, approver):
    application = accepted(cohort, make_team(create_applicant("lead@example.com")), approver)
    innovation, team = cohort.criteria.all()  # weights 2 and 1
    first, second = create_staff("r1", "reviewer"), create_staff("r2", "reviewer")
    scoring.record_scores(application=application, reviewer=first, values={innovation.pk: 9, team.pk: 6})
    scoring.record_scores(application=application, reviewer=second, values={innovation.pk: 6, team.pk: 3})
    # first: (2×9 + 6) / 3 = 8; second: (2×6 + 3) / 3 = 5; combined: (8 + 5) / 2.
    assert scoring.combined_scores([application.pk])[application.pk] == {
        "combined": Decimal("6.50"),
        "reviewers": 2,
    }
    with pytest.raises(ValidationError):
        scoring.record_scores(application=application, reviewer=first, values={innovation.pk: 9})
    perform(application, "award", actor=approver, note=scoring.decision_note(application))
    application.refresh_from_db()
    assert application.decision_scores["combined"] == "6.50"
    assert application.decision_scores["reviewers"]["r1"] == {"Innovation": 9, "Team": 6}
    assert "6.50" in application.changes.get(action="award").note


def test_a_reviewer_sees_the_others_scores_only_after_scoring(client, cohort, approver, mfa_staff):
    application = accepted(cohort, make_team(create_applicant("lead@example.com")), approver)
    innovation, team = cohort.criteria.all()
    scoring.record_scores(
        application=application,
        reviewer=create_staff("first", "reviewer"),
        values={innovation.pk: 9, team.pk: 9},
    )
    reviewer = mfa_staff("second", groups=["reviewer"])
    client.force_login(reviewer)
    url = reverse("admin:cohorts_cohortapplication_score", args=[application.pk])
    assert 'id="all-scores"' not in client.get(url).content.decode()
    response = client.post(url, {f"c{innovation.pk}": 4, f"c{team.pk}": 11})
    assert "Give a score from 0 to 10." in response.content.decode()
    client.post(url, {f"c{innovation.pk}": 4, f"c{team.pk}": 10})
    page = client.get(url).content.decode()
    assert 'id="all-scores"' in page and ">first<" in page
    assert Score.objects.filter(application=application).count() == 4


def test_the_ranking_page_orders_teams_and_awards_through_the_workflow(admin_client_mfa, cohort, approver):
    low = accepted(cohort, make_team(create_applicant("a@example.com"), "Low"), approver)
    high = accepted(cohort, make_team(create_applicant("b@example.com"), "High"), approver)
    innovation, team = cohort.criteria.all()
    reviewer = create_staff("r1", "reviewer")
    scoring.record_scores(application=low, reviewer=reviewer, values={innovation.pk: 2, team.pk: 2})
    scoring.record_scores(application=high, reviewer=reviewer, values={innovation.pk: 9, team.pk: 9})
    url = reverse("admin:cohorts_cohort_ranking", args=[cohort.pk])
    page = admin_client_mfa.get(url).content.decode()
    assert page.index("High") < page.index("Low")
    admin_client_mfa.post(url, {"reference": high.reference, "action": "award"})
    admin_client_mfa.post(url, {"reference": low.reference, "action": "not_award"})  # no note: refused
    high.refresh_from_db()
    low.refresh_from_db()
    assert (high.status, low.status) == (Status.AWARDED, Status.ACCEPTED)
    admin_client_mfa.post(url, {"reference": low.reference, "action": "not_award", "note": "Close call"})
    low.refresh_from_db()
    assert low.status == Status.NOT_AWARDED
    assert "Close call" in low.changes.get(action="not_award").note


def test_the_results_page_names_only_awarded_teams_that_agreed(client, cohort, approver):
    named = accepted(cohort, make_team(create_applicant("a@example.com"), "Named Team"), approver)
    shy = accepted(
        cohort, make_team(create_applicant("b@example.com"), "Shy Team"), approver, may_be_named=False
    )
    accepted(cohort, make_team(create_applicant("c@example.com"), "Coached Team"), approver)
    perform(named, "award", actor=approver)
    perform(shy, "award", actor=approver)
    page = client.get(reverse("cohorts:results", args=[cohort.slug])).content.decode()
    assert "Named Team" in page
    assert "Shy Team" not in page and "Coached Team" not in page


def test_the_team_sees_its_milestones_and_award(client, cohort, approver):
    lead = create_applicant("lead@example.com")
    application = accepted(cohort, make_team(lead), approver)
    Milestone.objects.create(application=application, date=datetime.date(2026, 9, 1), title="First pilot")
    perform(application, "award", actor=approver)
    client.force_login(lead)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "First pilot" in page and 'id="award-notice"' in page


def test_the_programme_page_leads_to_the_cohorts():
    programme = Programme.objects.get(slug="gba-entrepreneurship")
    assert [a["url"] for a in actions_for(programme)] == [reverse("cohorts:list")]


def _teams(cohort, n, start, approver, *, award=False):
    for i in range(start, start + n):
        application = accepted(cohort, make_team(create_applicant(f"l{i}@example.com"), f"T{i}"), approver)
        values = {c.pk: 5 for c in cohort.criteria.all()}
        scoring.record_scores(application=application, reviewer=approver, values=values)
        if award:
            perform(application, "award", actor=approver)


def _same_count(who, url, grow, django_assert_num_queries):
    grow(2, 0)
    who.get(url)  # content types and the session are cached from here on
    with CaptureQueriesContext(connection) as first:
        assert who.get(url).status_code == 200
    grow(6, 100)
    with django_assert_num_queries(len(first)):
        assert who.get(url).status_code == 200


def test_the_cohort_list_queries_stay_constant(client, approver, django_assert_num_queries):
    def grow(n, start):
        for i in range(start, start + n):
            _teams(make_cohort(f"c{i}"), 1, i, approver)

    _same_count(client, reverse("cohorts:list"), grow, django_assert_num_queries)


def test_the_results_queries_stay_constant(client, cohort, approver, django_assert_num_queries):
    cohort.awards = 10
    save_cohort(cohort)
    url = reverse("cohorts:results", args=[cohort.slug])
    grow = partial(_teams, cohort, approver=approver, award=True)
    _same_count(client, url, grow, django_assert_num_queries)


def test_the_ranking_queries_stay_constant(admin_client_mfa, cohort, approver, django_assert_num_queries):
    url = reverse("admin:cohorts_cohort_ranking", args=[cohort.pk])
    _same_count(admin_client_mfa, url, partial(_teams, cohort, approver=approver), django_assert_num_queries)


def test_a_lead_without_a_team_is_told_to_set_one_up(client, cohort):
    lead = create_applicant("lead@example.com")
    draft = CohortApplication.objects.create(applicant=lead, cohort=cohort)
    client.force_login(lead)
    page = client.get(reverse("cohorts:apply_details", args=[draft.reference])).content.decode()
    assert 'id="no-team"' in page and reverse("teams:create") in page
