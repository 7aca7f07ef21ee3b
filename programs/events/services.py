"""The writes that span models for events: their seats, cancelling one, checking a ticket in.

Seats are counted only by `portal.capacity` (one Place per event); statuses change only through
`workflow.perform`. Each function here is one transaction.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.applications.lifecycles import BOOKED
from portal.applications.workflow import perform
from portal.capacity.models import Place
from portal.capacity.services import locked_for_resize, resize
from portal.models import Status

from .models import Event, EventRegistration


def seats_place(event: Event) -> Place:
    """The event's one Place (its seats), created with the event's times and seats when missing."""
    place = Place.objects.for_target(event).first()
    if place is None:
        # Two first registrations at once: the unique constraint keeps one row, both then read it.
        Place.objects.bulk_create(
            [
                Place(
                    target_type=ContentType.objects.get_for_model(Event),
                    target_id=event.pk,
                    starts_at=event.starts_at,
                    ends_at=event.ends_at,
                    size=event.seats,
                )
            ],
            ignore_conflicts=True,
        )
        place = Place.objects.for_target(event).get()
    return place


def check_seats(event: Event, seats: int | None) -> None:
    """Refuse `seats` below what is held or offered now, for the admin form (on the field "seats").

    Call it inside the transaction that then saves (the admin's): the place stays locked until then.
    """
    if event.pk is None:
        return
    place = Place.objects.for_target(event).first()
    if place is None:
        return
    try:
        locked_for_resize(place).check_size(seats)
    except ValidationError as error:
        raise ValidationError({"seats": error.message_dict["size"]}, code="below_held") from error


def save_seats(event: Event) -> Place:
    """Make the event's Place match it (times and number of seats) after staff saved it.

    Lowering below what is held is refused with the capacity mechanism's own message; added
    seats go to the waiting list at once (`portal.capacity.services.resize`).
    """
    with transaction.atomic():
        place = seats_place(event)
        if (place.starts_at, place.ends_at) != (event.starts_at, event.ends_at):
            Place.objects.filter(pk=place.pk).update(starts_at=event.starts_at, ends_at=event.ends_at)
        if place.size != event.seats:
            place = resize(place, size=event.seats)
        place.refresh_from_db()
        return place


def cancel_event(event: Event, *, actor, note: str) -> int:
    """Cancel the event and every registration holding or waiting for a seat, all or nothing.

    Each applicant is emailed by the workflow (cancel_by_staff notifies), after commit, with `note`.
    Returns the number of registrations cancelled.
    """
    note = note.strip()
    if not note:
        raise ValidationError(_("Please write a note: the applicants will read it."), code="note_required")
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        Event.objects.filter(pk=locked.pk).update(is_cancelled=True)
        registrations = EventRegistration.objects.filter(event=locked, status__in=BOOKED).order_by("pk")
        count = 0
        for registration in registrations:
            perform(registration, "cancel_by_staff", actor=actor, note=note)
            count += 1
    event.is_cancelled = True
    return count


def check_in_problem(registration: EventRegistration, now: datetime.datetime | None = None) -> str:
    """Why this ticket cannot be checked in now, for the person at the door; "" when it can."""
    now = now or timezone.now()
    event = registration.event
    if registration.status == Status.ATTENDED:
        change = registration.changes.filter(action="attended").order_by("-at").first()
        when = change.at if change else registration.decided_at
        return _("Already checked in at %(time)s.") % {
            "time": formats.date_format(timezone.localtime(when), "DATETIME_FORMAT")
        }
    if registration.status == Status.CANCELLED or event.is_cancelled:
        return _("This registration is cancelled: the ticket is not valid.")
    if registration.status != Status.CONFIRMED:
        return _("This registration is “%(status)s”: it has no valid ticket.") % {
            "status": registration.get_status_display()
        }
    if not event.is_on(timezone.localdate(now)):
        return _("This ticket is for another day: %(day)s.") % {
            "day": formats.date_format(timezone.localtime(event.starts_at), "DATE_FORMAT")
        }
    return ""


def check_in(registration: EventRegistration, *, actor, now: datetime.datetime | None = None) -> None:
    """Mark the ticket's holder attended (they are at the door), or raise ValidationError saying why not."""
    if problem := check_in_problem(registration, now):
        raise ValidationError(problem, code="check_in")
    perform(registration, "attended", actor=actor, expected_status=Status.CONFIRMED)
