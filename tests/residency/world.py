"""Residency's rows and URLs for the shared URL walks (tests/worlds.py)."""

import datetime

from django.utils import timezone

from incubators.models import Incubator
from incubators.residency.models import Residency, ResidencyApplication
from portal.applications.workflow import perform
from tests.teams.world import make_team

NAMESPACES = ["residency"]
PUBLIC = {"residency:index"}
APPLICANT = {
    "residency:apply",
    "residency:apply_details",
    "residency:apply_check",
    "residency:apply_done",
}
STAFF_OUTSIDE_ADMIN = set()


def residency_application(owner, team, base_slug="workshop", *, send=True, move_in_days=30):
    base = Incubator.objects.get(slug=base_slug)
    application = ResidencyApplication.objects.create(
        applicant=owner,
        incubator=base,
        team=team,
        move_in_on=timezone.localdate() + datetime.timedelta(days=move_in_days),
        plan="A robot arm for clinics.",
    )
    application.services.set(base.services.all()[:2])
    if send:
        perform(application, "submit", actor=owner)
    return application


def build(owner) -> dict:
    team = make_team(owner, name=f"World team {owner.pk}")
    application = residency_application(owner, team, "workshop")
    draft = residency_application(owner, team, "community-7plus", send=False)
    # A resident team, for the admin's list of them.
    Residency.objects.create(
        team=make_team(owner, name=f"Resident team {owner.pk}"),
        incubator=application.incubator,
        moved_in_on=timezone.localdate(),
    )
    return {"application": application, "draft": draft, "team": team, "values": {"target": "community-7plus"}}
