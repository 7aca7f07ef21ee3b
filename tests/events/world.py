"""Events' rows and URLs for the shared walks (tests/worlds.py)."""

import datetime

from django.utils import timezone

from portal.applications.workflow import perform
from programs.events.models import Event, EventRegistration
from programs.events.services import save_seats
from tests.people import create_applicant

NAMESPACES = {"events"}
PUBLIC = {"events:list", "events:detail"}
APPLICANT = {
    "events:apply",
    "events:apply_details",
    "events:apply_check",
    "events:apply_done",
    "events:ticket",
}
STAFF_OUTSIDE_ADMIN = {"events:check_in", "events:check_in_code"}


def make_event(slug, *, days=7, seats=5, **fields) -> Event:
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    defaults = {
        "name_en": f"Study tour {slug}",
        "name_zh_hant": f"研學旅遊 {slug}",
        "name_zh_hans": f"研学旅游 {slug}",
        "venue_en": "Futian",
        "venue_zh_hant": "福田",
        "venue_zh_hans": "福田",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=3),
        "seats": seats,
    }
    event = Event.objects.create(slug=slug, **{**defaults, **fields})
    save_seats(event)
    return event


def register(owner, event) -> EventRegistration:
    """`owner`'s registration for `event`, as the journey sends it (confirmed at once if a seat is free)."""
    registration = EventRegistration.objects.create(applicant=owner, event=event)
    perform(registration, "request", actor=owner)
    registration.refresh_from_db()
    return registration


def build(owner):
    event = make_event("world-tour")
    application = register(owner, event)
    draft = EventRegistration.objects.create(applicant=owner, event=make_event("world-camp"))
    # A full event, so the capacity admin has a waiting list entry and an open offer to show.
    full = make_event("world-full", seats=1)
    leaving = register(create_applicant("world-leaving@example.com"), full)
    register(create_applicant("world-offered@example.com"), full)
    register(create_applicant("world-waiting@example.com"), full)
    perform(leaving, "cancel", actor=leaving.applicant)
    return {
        "application": application,
        "draft": draft,
        "values": {"target": event.slug, "slug": event.slug, "code": application.ticket_code},
    }
