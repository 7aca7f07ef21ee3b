"""City-integration activities as dated events with seats, and the registrations for them.

The document names the activities (programs.Activity) but gives no dates, seats or rules: staff
add each occurrence as an `Event`. Its seats are one `portal.capacity.Place` (see services.py);
a registration is a booking that the portal confirms at once while seats are free, and that
waits for a seat when the event is full. A confirmed registration carries a ticket code, which
staff check at the door (views.check_in).
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.applications.claims import Claim
from portal.models import Application, ApplicationQuerySet, Status

# No 0/O, 1/I/L: a code read aloud or typed from a phone screen has only one reading.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
# Registrations holding or waiting for a seat.
REGISTERED = (Status.REQUESTED, Status.CONFIRMED, Status.ATTENDED)


def normalise_code(raw: str) -> str:
    """A ticket code as typed: capitals, without spaces or dashes ("abcd-efgh" → "ABCDEFGH")."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())[: CODE_LENGTH * 2]


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, now=None):
        """Not over yet (an event under way still shows), soonest first."""
        return self.filter(ends_at__gt=now or timezone.now()).order_by("starts_at", "pk")

    def with_participants(self):
        """Annotate `registered`, `waiting` and `checked_in` (attended): one query for any number."""
        return self.annotate(
            registered=Count("registrations", filter=Q(registrations__status__in=REGISTERED)),
            waiting=Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)),
            checked_in=Count("registrations", filter=Q(registrations__status=Status.ATTENDED)),
        )


class Event(models.Model):
    """One dated occurrence of a city-integration activity, with its seats."""

    activity = models.ForeignKey(
        "programs.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("activity"),
        help_text=_("The activity this is an occurrence of, if it is one of those the programme names."),
    )
    slug = models.SlugField(_("address key"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    venue = models.CharField(_("venue"), max_length=300)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    seats = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        help_text=_("Set by the office for each event. Empty means no limit."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    # Set only by `services.cancel_event`, which cancels the registrations with it.
    is_cancelled = models.BooleanField(_("cancelled"), default=False, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self):
        # Its Place, the application pages and the admin add the time themselves.
        return self.name

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.slug])

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})

    @property
    def days(self) -> tuple[datetime.date, datetime.date]:
        """The first and last local day of the event."""
        return timezone.localdate(self.starts_at), timezone.localdate(self.ends_at)

    def is_on(self, day: datetime.date) -> bool:
        first, last = self.days
        return first <= day <= last

    def takes_registrations(self, now=None) -> bool:
        return self.is_published and not self.is_cancelled and self.ends_at > (now or timezone.now())


class EventRegistrationQuerySet(ApplicationQuerySet):
    def attended(self):
        """Registrations checked in at the door: the participants counted."""
        return self.filter(status=Status.ATTENDED)

    def participants(self) -> int:
        """How many took part, overall (with `.filter(event=…)`, in one event)."""
        return self.attended().count()


class EventRegistration(Application):
    """A seat at one event, for one person."""

    SCHEME = "event_registration"
    LIFECYCLE = "booking"
    TARGET_FIELD = "event"
    WAITLIST = True
    PERSONAL_FIELDS = ("note",)

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event")
    )
    note = models.CharField(
        _("anything we should know"),
        max_length=300,
        blank=True,
        help_text=_("Optional. For example, help you need to take part."),
    )
    # Given when the registration is confirmed (a seat is theirs); NULL while it waits.
    ticket_code = models.CharField(  # noqa: DJ001 - many registrations have none, and unique allows many NULLs
        _("ticket code"), max_length=CODE_LENGTH, unique=True, null=True, blank=True, editable=False
    )

    objects = EventRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")

    def get_edit_url(self):
        return reverse("events:apply_details", args=[self.reference])

    def get_ticket_url(self):
        return reverse("events:ticket", args=[self.reference])

    def claim(self):
        # One registration per person per event.
        return Claim(key=f"event:{self.event_id}")

    def places(self):
        from .services import seats_place

        return [seats_place(self.event)]

    def confirms_at_once(self) -> bool:
        return True

    def check_before(self, action: str) -> None:
        if action in {"request", "accept_offer", "confirm"} and not self.event.takes_registrations():
            if self.event.is_cancelled:
                raise ValidationError(
                    _("This event is cancelled: it takes no registrations."), code="cancelled"
                )
            raise ValidationError(_("This event takes no registrations now."), code="closed")

    def after(self, action: str, *, actor) -> None:
        if action == "confirm" and not self.ticket_code:
            self.give_ticket_code()

    def give_ticket_code(self) -> None:
        # A clash is about one in 10^12 per pair; the unique constraint is the last word.
        code = new_code()
        while EventRegistration.objects.filter(ticket_code=code).exists():
            code = new_code()
        EventRegistration.objects.filter(pk=self.pk).update(ticket_code=code)
        self.ticket_code = code

    @property
    def has_ticket(self) -> bool:
        return bool(self.ticket_code) and self.status in {Status.CONFIRMED, Status.ATTENDED}

    def check_in_url(self, base_url: str | None = None) -> str:
        """The staff page the ticket's QR code opens, as an absolute URL."""
        base = (base_url or settings.SITE_URL).rstrip("/")
        return base + reverse("events:check_in_code", args=[self.ticket_code])
