"""The one-stop office's rows and URLs for the shared walks (tests/worlds.py)."""

import datetime

from programs.onestop.models import AgencyRequest, OnestopRules, ServiceBatch
from programs.onestop.services import record_next_step
from tests.onestop.helpers import approved_request, booked, next_open_slot
from tests.people import create_staff

NAMESPACES = ("onestop", "onestop:counselling", "onestop:agency")
PUBLIC = {"onestop:index"}
APPLICANT = {
    "onestop:counselling:apply",
    "onestop:counselling:apply_details",
    "onestop:counselling:apply_check",
    "onestop:counselling:apply_done",
    "onestop:agency:apply",
    "onestop:agency:apply_details",
    "onestop:agency:apply_documents",
    "onestop:agency:apply_check",
    "onestop:agency:apply_done",
}
STAFF_OUTSIDE_ADMIN: set = set()


def build(owner) -> dict:
    OnestopRules.saved()
    officer = create_staff("onestop-world-officer", "approver")
    appointment = booked(owner, next_open_slot())
    draft = type(appointment).objects.create(applicant=owner, topic="entrepreneurship")
    request = approved_request(owner, officer)
    record_next_step(request, by=officer, note="All papers in order")
    agency_draft = AgencyRequest.objects.create(applicant=owner, service="bank_account")
    ServiceBatch.objects.create(day=datetime.date(2026, 5, 1), youth=25, note="Spring batch")
    counselling = {"application": appointment, "draft": draft, "values": {}}
    return {
        **counselling,
        "namespaces": {
            "onestop:counselling": counselling,
            "onestop:agency": {"application": request, "draft": agency_draft, "values": {}},
        },
    }
