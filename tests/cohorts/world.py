"""The GBA programme cohorts' rows and URLs for the shared walks (tests/worlds.py)."""

import datetime

from django.utils import timezone

from incubators.teams.models import Team
from portal.applications.workflow import perform
from portal.models import Status
from programs.cohorts.models import Cohort, CohortApplication, Criterion, Milestone, Score
from programs.cohorts.services import save_cohort
from programs.models import Programme
from tests.people import create_staff

NAMESPACES = {"cohorts"}
PUBLIC = {"cohorts:list", "cohorts:results"}
APPLICANT = {"cohorts:apply", "cohorts:apply_details", "cohorts:apply_check", "cohorts:apply_done"}
STAFF_OUTSIDE_ADMIN = set()


def make_cohort(
    slug="world-cohort", *, awards=10, opens_in_days=-5, criteria=((2, "Innovation"), (1, "Team"))
):
    today = timezone.localdate()
    cohort = save_cohort(
        Cohort(
            programme=Programme.objects.get(slug="gba-entrepreneurship"),
            slug=slug,
            name_en=f"Cohort {slug}",
            name_zh_hant=f"第一期 {slug}",
            name_zh_hans=f"第一期 {slug}",
            opens_on=today + datetime.timedelta(days=opens_in_days),
            closes_on=today + datetime.timedelta(days=opens_in_days + 30),
            coaching_starts=today + datetime.timedelta(days=opens_in_days + 40),
            awards=awards,
            published=True,
        )
    )
    for order, (weight, name) in enumerate(criteria):
        Criterion.objects.create(cohort=cohort, name_en=name, name_zh_hant=name, weight=weight, order=order)
    return cohort


def make_team(lead, name="Harbour Robotics") -> Team:
    return Team.objects.create(name=name, lead=lead, description="Robots for warehouses")


def submitted(cohort, team, *, may_be_named=True) -> CohortApplication:
    application = CohortApplication.objects.create(
        applicant=team.lead,
        cohort=cohort,
        team=team,
        pitch="Warehouse robots",
        coaching_goals="A first customer",
        may_be_named=may_be_named,
    )
    perform(application, "submit", actor=team.lead)
    return application


def accepted(cohort, team, staff, **kwargs) -> CohortApplication:
    application = submitted(cohort, team, **kwargs)
    perform(application, "start_review", actor=staff)
    perform(application, "accept", actor=staff)
    return application


def build(owner) -> dict:
    cohort = make_cohort()
    team = make_team(owner)
    staff = create_staff("world-cohorts-approver", "approver")
    application = accepted(cohort, team, staff)
    Milestone.objects.create(application=application, date=timezone.localdate(), title="Market test")
    Score.objects.create(application=application, reviewer=staff, criterion=cohort.criteria.first(), value=7)
    draft = CohortApplication.objects.create(applicant=owner, cohort=make_cohort("world-cohort-2"))
    assert application.status == Status.ACCEPTED
    return {
        "application": application,
        "draft": draft,
        "values": {"target": cohort.slug, "slug": cohort.slug},
    }
