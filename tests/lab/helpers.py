"""Plain helpers for the lab's tests (fixtures are in conftest.py)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from incubators.lab.models import ResearchTeam
from portal.applications.services import attach_document
from portal.applications.workflow import perform
from tests.pdfs import blank_pdf


def confirm_team(applicant, approver, *, name="Ink Lab") -> ResearchTeam:
    """A team the applicant sent and staff approved, through the real workflow."""
    team = ResearchTeam.objects.create(
        applicant=applicant, team_name=name, institution="HKUST", research_field="Materials", members=3
    )
    attach_document(team, ContentFile(blank_pdf(), name="team.pdf"), kind="team_proof", user=applicant)
    perform(team, "submit", actor=applicant)
    perform(team, "start_review", actor=approver)
    perform(team, "approve", actor=approver)
    return team


def next_open_day(equipment, *, after=1) -> datetime.date:
    """The first day at least `after` days from today on which `equipment` opens."""
    day = timezone.localdate() + datetime.timedelta(days=after)
    while not equipment.is_open_on(day):
        day += datetime.timedelta(days=1)
    return day
