"""The lab's rows and URLs for the shared walks (tests/worlds.py)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from incubators.lab import demo
from incubators.lab.models import LabBooking, LabRules, ResearchTeam
from portal.applications.services import attach_document
from portal.applications.workflow import perform
from tests.pdfs import blank_pdf
from tests.people import create_staff

# The booking journey and the lab's pages are "lab"; the team's journey is "lab:team", whose URLs
# name their reference <team> (incubators/lab/urls.py says why), filled from `values`.
NAMESPACES = {"lab"}
PUBLIC = {"lab:list", "lab:detail"}
APPLICANT = {
    "lab:apply",
    "lab:apply_details",
    "lab:apply_check",
    "lab:apply_done",
    "lab:team:apply",
    "lab:team:apply_details",
    "lab:team:apply_documents",
    "lab:team:apply_check",
    "lab:team:apply_done",
}
STAFF_OUTSIDE_ADMIN: set = set()


def build(owner) -> dict:
    equipment = demo.create()[0]
    LabRules.objects.get_or_create()
    approver = create_staff("lab-world-approver", "approver")
    team = ResearchTeam.objects.create(
        applicant=owner, team_name="World team", institution="HKU", research_field="Chemistry", members=2
    )
    attach_document(team, ContentFile(blank_pdf(), name="t.pdf"), kind="team_proof", user=owner)
    for action, actor in (("submit", owner), ("start_review", approver), ("approve", approver)):
        perform(team, action, actor=actor)
    day = timezone.localdate() + datetime.timedelta(days=1)
    while not equipment.is_open_on(day):
        day += datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(day, equipment.opens_at))
    booking = LabBooking.objects.create(
        applicant=owner, equipment=equipment, starts_at=start, purpose="Tests"
    )
    perform(booking, "request", actor=owner)
    draft = LabBooking.objects.create(applicant=owner, equipment=equipment, purpose="Later")
    team_draft = ResearchTeam.objects.create(applicant=owner, team_name="Second team")
    values = {"target": equipment.slug, "slug": equipment.slug, "team": team_draft.reference}
    return {
        "application": booking,
        "draft": draft,
        "values": values,
        "namespaces": {"lab:team": {"application": team, "draft": team_draft, "values": values}},
    }
