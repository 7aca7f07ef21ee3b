"""Writes about sessions that span models: each one function, one transaction."""

from django.db import transaction
from django.utils.translation import gettext as _

from portal.applications.lifecycles import BOOKED
from portal.applications.workflow import perform
from portal.capacity import services as capacity
from portal.capacity.models import Place
from portal.models import Status

from .models import CourseEnrolment, CourseSession


@transaction.atomic
def save_session(session: CourseSession) -> CourseSession:
    """Save `session` and keep its Place in step: the same times, and as many places as seats.

    Lowering the seats below those held or offered raises `resize`'s ValidationError on "size";
    the whole save is then rolled back.
    """
    session.full_clean(exclude=["slug"])
    session.save()
    place = session.place()
    if (place.starts_at, place.ends_at) != (session.starts_at, session.ends_at):
        Place.objects.filter(pk=place.pk).update(starts_at=session.starts_at, ends_at=session.ends_at)
    if place.size != session.seats:
        capacity.resize(place, size=session.seats)
    return session


def check_seats(session: CourseSession) -> None:
    """Refuse (ValidationError on "size") seats below what the session's Place holds now, for a form."""
    if session.pk is None:
        return
    place = Place.objects.for_target(session).first()
    if place is not None:
        place.check_size(session.seats)


@transaction.atomic
def cancel_session(session: CourseSession, *, actor, note: str) -> int:
    """Cancel `session` and every enrolment still booked on it; returns the enrolments cancelled.

    The workflow emails each applicant (with `note`) once this commits. Waiting enrolments go
    first, so seats freed by the confirmed ones are not offered to people about to be cancelled.
    """
    locked = CourseSession.objects.select_for_update().get(pk=session.pk)
    locked.is_cancelled = True
    locked.save(update_fields=["is_cancelled"])
    session.is_cancelled = True
    note = note.strip() or _("The session is cancelled.")
    booked = CourseEnrolment.objects.filter(session=locked, status__in=BOOKED)
    order = [Status.WAITLISTED, Status.REQUESTED, Status.CONFIRMED]
    enrolments = sorted(booked, key=lambda e: (order.index(e.status), e.pk))
    for enrolment in enrolments:
        perform(enrolment, "cancel_by_staff", actor=actor, note=note, expected_status=enrolment.status)
    return len(enrolments)


@transaction.atomic
def mark_attendance(session: CourseSession, *, present: set[int], actor) -> tuple[int, int]:
    """Mark each confirmed enrolment of `session` attended (its pk in `present`) or absent.

    All or nothing; returns (attended, absent).
    """
    confirmed = list(CourseEnrolment.objects.filter(session=session, status=Status.CONFIRMED).order_by("pk"))
    attended = 0
    for enrolment in confirmed:
        action = "attended" if enrolment.pk in present else "no_show"
        perform(enrolment, action, actor=actor, expected_status=Status.CONFIRMED)
        attended += action == "attended"
    return attended, len(confirmed) - attended
