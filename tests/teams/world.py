"""The teams' rows and URLs for the shared URL walks (tests/worlds.py)."""

from incubators.models import FieldOfWork
from incubators.teams.models import Team, TeamMember
from incubators.teams.services import create_team

NAMESPACES = ["teams"]
PUBLIC = set()
APPLICANT = {
    "teams:list",
    "teams:create",
    "teams:detail",
    "teams:edit",
    "teams:member_add",
    "teams:invitation",
}
STAFF_OUTSIDE_ADMIN = set()


def make_team(lead, name="Harbour Robotics", **fields) -> Team:
    defaults = {
        "field": FieldOfWork.objects.order_by("pk").first(),
        "stage": Team.Stage.PROTOTYPE,
        "ip_items": 3,
        "financing_rmb": 2_000_000,
        "output_level": Team.Output.UNDER_MILLION,
    }
    return create_team(Team(name=name, **{**defaults, **fields}), lead=lead)


def add_member(
    team, name="Wong Siu Ming", email="siu.ming@example.com", *, user=None, **fields
) -> TeamMember:
    from django.utils import timezone

    return TeamMember.objects.create(
        team=team,
        name=name,
        email=email,
        user=user,
        confirmed_at=timezone.now() if user else None,
        **fields,
    )


def build(owner) -> dict:
    from tests.residency.world import build as build_residency

    built = build_residency(owner)
    team = built["team"]
    invited = add_member(team, email="invited.world@example.com")
    return {**built, "values": {"pk": team.pk, "token": invited.invitation_token()}}
