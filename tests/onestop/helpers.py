"""Plain helpers for the one-stop office's tests (fixtures are in conftest.py)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.applications.services import attach_document
from portal.applications.workflow import perform
from programs.onestop.models import AgencyRequest, AgencyStep, CounsellingAppointment, OnestopRules
from programs.onestop.steps import seed_steps
from tests.pdfs import blank_pdf


def ensure_steps() -> None:
    """The office's seeded steps (a flushed database, as in browser tests, has lost the migration's)."""
    seed_steps(AgencyStep)


def next_open_slot(rules=None, *, after=1, hour=10) -> datetime.datetime:
    """A slot at `hour` (a start time of the default rules) on the first open day `after` days on."""
    rules = rules or OnestopRules.current()
    day = timezone.localdate() + datetime.timedelta(days=after)
    while not rules.is_open_on(day):
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


def booked(applicant, start, *, topic="employment") -> CounsellingAppointment:
    appointment = CounsellingAppointment.objects.create(
        applicant=applicant, topic=topic, starts_at=start, note="CV"
    )
    perform(appointment, "request", actor=applicant)
    return appointment


def approved_request(applicant, staff, *, service="company_registration", company="Harbour Ink Ltd"):
    """A request the applicant sent with the signed letter, and staff approved, through the workflow."""
    ensure_steps()
    request = AgencyRequest.objects.create(
        applicant=applicant,
        service=service,
        company_name=company,
        business_scope="Printing",
        credit_code="91440300MA5ABCDE1X" if service == "bank_account" else "",
        authorises=True,
    )
    attach_document(
        request, ContentFile(blank_pdf(), name="letter.pdf"), kind="authorisation", user=applicant
    )
    for action, actor in (("submit", applicant), ("start_review", staff), ("approve", staff)):
        perform(request, action, actor=actor)
    return request
