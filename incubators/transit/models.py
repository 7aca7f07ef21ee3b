"""The "7+" community's business transit station (商務中轉站): a free office desk for half a year for
Hong Kong teams newly arrived in the mainland.

The document gives the half year and who it is for; it gives no number of desks and says nothing
about reminders, so those are the office's, on the station's row, and the pages say so. A team
applies (the review lifecycle); approval takes a desk on every night from the start date to the
end (`Place` rows of the station, size = its desks, portal.capacity), so the database refuses a
desk more than the station has. The desk ends on its end date: nothing extends it.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.applications.claims import Claim
from portal.capacity import services
from portal.capacity.models import Place
from portal.models import Application

# The document's "half a year" (半年免費辦公座位服務).
DOCUMENT_MONTHS = 6


class TransitStationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)


class TransitStation(models.Model):
    """The station and the office's rules for it: how many desks, for how long, when to remind."""

    incubator = models.ForeignKey(
        "incubators.Incubator",
        on_delete=models.PROTECT,
        related_name="transit_stations",
        verbose_name=_("base"),
    )
    slug = models.SlugField(_("address key"), unique=True, default="business-transit-station")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    desks = models.PositiveSmallIntegerField(
        _("number of desks"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("The station's desks: the office's number (the document gives none)."),
    )
    months = models.PositiveSmallIntegerField(
        _("a desk is for (months)"),
        default=DOCUMENT_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("The document says half a year (6 months)."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind the team (days before the end)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("The office's setting: the document says nothing about reminders."),
    )
    is_open = models.BooleanField(_("taking applications"), default=True)

    objects = TransitStationQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("business transit station")
        verbose_name_plural = _("business transit stations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("transit:index")

    @property
    def months_from_document(self) -> bool:
        return self.months == DOCUMENT_MONTHS

    def end_for(self, start: datetime.date) -> datetime.date:
        """The last day of a desk that starts on `start`."""
        return start + relativedelta(months=self.months) - datetime.timedelta(days=1)

    def desk_nights(self, start: datetime.date, end: datetime.date) -> list[Place]:
        """The station's place on every day from `start` to `end` (both included), made if missing."""
        days = [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]
        places = Place.objects.nights(self, days, size=self.desks)
        # Nights made before staff changed the number of desks follow it (through the capacity
        # mechanism); a night already holding more desks than the new number keeps its size.
        for place in places:
            if place.size != self.desks and place.held <= self.desks:
                services.resize(place, size=self.desks)
        return places


class TransitDeskApplication(Application):
    """A team's application for a desk at the station; approval allocates it for the station's months."""

    SCHEME = "transit_desk"
    TARGET_FIELD = "station"
    BASE_LOOKUP = "station__incubator"
    # A desk is refused when none is free: there is no waiting list for desks.
    WAITLIST = False

    station = models.ForeignKey(
        TransitStation,
        on_delete=models.PROTECT,
        null=True,
        related_name="applications",
        verbose_name=_("station"),
    )
    team = models.ForeignKey(
        "teams.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transit_desk_applications",
        verbose_name=_("team"),
    )
    first_office = models.BooleanField(_("Is this your team's first office in the mainland?"), null=True)
    start_date = models.DateField(_("desired start date"), null=True, blank=True)
    # Fixed when the desk is allocated, so a later change of the station's months moves no desk.
    ends_on = models.DateField(_("desk until"), null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("transit station desk application")
        verbose_name_plural = _("transit station desk applications")

    def get_edit_url(self):
        return reverse("transit:apply_details", args=[self.reference])

    @property
    def desk_end(self) -> datetime.date | None:
        """The desk's last day: fixed on approval, else what it would be if approved now."""
        if self.ends_on:
            return self.ends_on
        if self.start_date and self.station:
            return self.station.end_for(self.start_date)
        return None

    def places(self) -> list:
        if self.station is None or self.start_date is None:
            return []
        return self.station.desk_nights(self.start_date, self.desk_end)

    def claim(self):
        # One desk per team at a time: the team is the key, the desk's days the period.
        if self.team_id is None or self.start_date is None or self.desk_end is None:
            return None
        return Claim(start=self.start_date, end=self.desk_end, key=f"team:{self.team_id}")

    def check_before(self, action: str) -> None:
        if action in {"submit", "resubmit"}:
            if self.team_id is None or self.start_date is None or self.first_office is None:
                raise ValidationError(_("Complete the details first."), code="incomplete")
            if self.first_office is False:
                raise ValidationError(first_office_refusal(), code="not_first_office")
        if action == "approve":
            # The desk's days are fixed now; the places taken next are those days' (see places()).
            self.ends_on = self.station.end_for(self.start_date)
            self.save(update_fields=["ends_on"])

    @classmethod
    def needing_reminder(cls, today: datetime.date):
        """Approved desks whose reminder is due today or was missed, not yet sent, not yet ended."""
        from portal.models import Status

        return (
            cls.objects.filter(status=Status.APPROVED, reminder_sent_at__isnull=True, ends_on__gte=today)
            .select_related("station", "team", "applicant__profile")
            .order_by("pk")
        )

    def reminder_due(self, today: datetime.date) -> bool:
        return (
            self.ends_on is not None
            and self.ends_on - datetime.timedelta(days=self.station.reminder_days) <= today <= self.ends_on
        )

    def mark_reminded(self) -> bool:
        """Record the reminder once; False when another run already did (so it is sent once)."""
        return bool(
            type(self)
            .objects.filter(pk=self.pk, reminder_sent_at__isnull=True)
            .update(reminder_sent_at=timezone.now())
        )


def first_office_refusal():
    return _(
        "The business transit station is for Hong Kong teams newly arrived in the mainland, as the "
        "document says: a team that already has an office in the mainland cannot apply for a desk."
    )
