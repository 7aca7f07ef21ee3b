"""What a transition does with an application's places, the same for every scheme.

A scheme with places says which places an application takes (`Application.places()`, created on
demand), how many of each (`place_quantity()`), whether its bookings may wait for a full place
(`WAITLIST`) and whether the portal confirms them at once (`confirms_at_once()`). Its lifecycle's
transitions say when places are taken or freed (`Transition.places`). `workflow.perform` calls
`apply_places` inside its transaction, after the new status is saved, so a full place refuses the
transition and nothing changes; what it returns is the action the portal takes next on its own.

Everything here goes through `portal.capacity.services`, the only code that counts places.
See docs/adr/0010-bookings.md.
"""

import datetime
from dataclasses import dataclass
from functools import partial

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from portal.applications.lifecycles import ACCEPT, RELEASE, TAKE, TAKE_OR_WAIT
from portal.models import Application, Status

from . import services
from .models import Hold, Offer, Place, WaitlistEntry


def _held_place_ids(application) -> set[int]:
    return set(Hold.objects.current().filter(application=application).values_list("place", flat=True))


def _take(application, places) -> None:
    """Hold every place `application` takes that it does not hold yet, or raise PlaceFull."""
    if Offer.objects.filter(application=application).exists():
        services.accept_offer(application=application)
        return
    if WaitlistEntry.objects.filter(application=application, status=WaitlistEntry.Status.WAITING).exists():
        services.release(application=application)  # off the waiting list, before holding
    held = _held_place_ids(application)
    missing = [place for place in places if place.pk not in held]
    if missing:
        services.hold(missing, application=application, quantity=application.place_quantity())


def apply_places(application, transition, *, now) -> str | None:
    """Do what `transition` does with `application`'s places; return the action to take next, if any."""
    kind = transition.places
    if not kind:
        return None
    if kind == RELEASE:
        services.release(application=application, now=now)
        return None
    places = application.places()
    if not places:  # a scheme of this lifecycle without places
        return None
    if kind == ACCEPT:
        services.accept_offer(application=application, now=now)
        return "confirm" if application.confirms_at_once() else None
    if kind == TAKE:
        _take(application, places)
        return None
    assert kind == TAKE_OR_WAIT, kind
    if transition.target == Status.WAITLISTED:
        # Into the waiting list: whatever it held goes to those before it.
        services.release(application=application, now=now)
        services.join_waitlist(
            places, application=application, quantity=application.place_quantity(), now=now
        )
        return None
    try:
        services.hold(places, application=application, quantity=application.place_quantity())
    except services.PlaceFull:
        if not application.WAITLIST:
            raise
        return "waitlist"
    return "confirm" if application.confirms_at_once() else None


@dataclass(frozen=True)
class Availability:
    """How the places an application would take stand now, for the page before sending it."""

    places: list
    full: list

    @property
    def is_full(self) -> bool:
        return bool(self.full)


def availability(application) -> Availability | None:
    """None when the scheme has no places for this application (yet)."""
    places = application.places()
    if not places:
        return None
    quantity = application.place_quantity()
    annotated = list(Place.objects.filter(pk__in=[p.pk for p in places]).with_availability())
    full = [p for p in annotated if p.size is not None and p.available < quantity]
    return Availability(places=annotated, full=full)


@dataclass(frozen=True)
class Span:
    """When a booking is: whole days (nights of a stay) or a time (a session, an event, a slot)."""

    start: datetime.datetime | datetime.date
    end: datetime.datetime | datetime.date
    all_day: bool

    @property
    def first_day(self) -> datetime.date:
        return self.start if self.all_day else timezone.localtime(self.start).date()

    @property
    def nights(self) -> int:
        return (self.end - self.start).days if self.all_day else 0


def _span_of(places) -> Span | None:
    days = sorted(p.day for p in places if p.day)
    if days:
        return Span(days[0], days[-1] + datetime.timedelta(days=1), True)
    times = [p for p in places if p.starts_at]
    if times:
        start = min(p.starts_at for p in times)
        end = max(p.ends_at or p.starts_at for p in times)
        return Span(start, end, False)
    return None


def spans(applications) -> dict[int, Span]:
    """The span of each application's places, held or waited for: two queries for any number."""
    ids = [application.pk for application in applications]
    by_application: dict[int, list] = {}
    held = Hold.objects.current().filter(application__in=ids).select_related("place")
    waiting = WaitlistEntry.objects.filter(
        application__in=ids, status__in=[WaitlistEntry.Status.WAITING, WaitlistEntry.Status.OFFERED]
    ).select_related("place")
    for row in [*held, *waiting]:
        by_application.setdefault(row.application_id, []).append(row.place)
    return {pk: span for pk, places in by_application.items() if (span := _span_of(places))}


def span(application) -> Span | None:
    """The span of what `application` holds or waits for, else of the places it would take."""
    found = spans([application]).get(application.pk)
    if found is None and application.status in application.lifecycle.drafts:
        found = _span_of(application.places())
    return found


def cancel_cutoff(application) -> datetime.datetime | None:
    """The office's cut-off for cancelling: so many hours before the booking starts (programs.Office)."""
    when = span(application)
    if when is None:
        return None
    start = when.start
    if when.all_day:
        start = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    hours = apps.get_model("programs", "Office").current().cancel_hours
    return start - datetime.timedelta(hours=hours)


# Bookings whose places are the applicant's: they get a reminder and a calendar file.
HAVING_STATUSES = frozenset({Status.CONFIRMED, Status.APPROVED})
HAVING_PLACES = Q(status__in=HAVING_STATUSES)


def expire_offers(now=None) -> services.Expiry:
    """End lapsed offers (`services.expire_offers`), then cancel the bookings left waiting for nothing."""
    from portal.applications.workflow import perform

    now = now or timezone.now()
    result = services.expire_offers(now)
    still_waiting = WaitlistEntry.objects.filter(
        status__in=[WaitlistEntry.Status.WAITING, WaitlistEntry.Status.OFFERED]
    ).values("application")
    lapsed = Application.objects.filter(
        status=Status.WAITLISTED, waitlist__status=WaitlistEntry.Status.EXPIRED
    )
    for application in lapsed.exclude(pk__in=still_waiting).distinct():
        perform(application, "lapse", actor=None)
    return result


def send_reminders(day: datetime.date | None = None) -> int:
    """Queue a reminder for every booking of the applicant's that starts on `day` (tomorrow by
    default), once each: a second run the same day queues none. Returns reminders queued."""
    from portal.applications.tasks import send_reminder_email

    from .models import Reminder

    day = day or timezone.localdate() + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    end = start + datetime.timedelta(days=1)
    holds = Hold.objects.current().filter(application__in=Application.objects.filter(HAVING_PLACES))
    # A booking starts on `day` when its first place is on it: the night, or the slot's start.
    starting = (
        holds.values("application")
        .annotate(first_day=models.Min("place__day"), first_time=models.Min("place__starts_at"))
        .filter(Q(first_day=day) | Q(first_day__isnull=True, first_time__gte=start, first_time__lt=end))
        .values_list("application", flat=True)
    )
    ids = set(starting) - set(Reminder.objects.filter(day=day).values_list("application", flat=True))
    created = Reminder.objects.bulk_create(
        [Reminder(application_id=pk, day=day) for pk in sorted(ids)], ignore_conflicts=True
    )
    for reminder in created:
        transaction.on_commit(partial(send_reminder_email.enqueue, reminder.application_id))
    return len(created)


def ics(application, *, site_url: str) -> bytes | None:
    """The booking as an iCalendar file (RFC 5545), or None when it has no time."""
    import icalendar

    when = span(application)
    if when is None:
        return None
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Futian HK & Macau Youth Portal//EN")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", f"{application.reference}@{site_url.split('//')[-1].strip('/')}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", when.start)
    event.add("dtend", when.end)
    event.add("summary", f"{application.scheme_name} · {application.target_label}".strip(" ·"))
    event.add(
        "description", f"{application.reference} {site_url.rstrip('/')}{application.get_absolute_url()}"
    )
    calendar.add_component(event)
    return calendar.to_ical()
