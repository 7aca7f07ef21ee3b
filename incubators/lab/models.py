"""The "7+" community's free shared laboratory: its equipment, booked by the slot by confirmed teams.

The document says the lab is free for Hong Kong research teams and names some of its equipment;
it gives no hours, slot length, open days or booking window, so those are the office's, set by
staff on each piece of equipment (and said so on the pages). A team is confirmed once by staff
(`ResearchTeam`, the review lifecycle); its members then book slots (`LabBooking`, the booking
lifecycle) that the portal confirms at once when the slot is free. Each slot is a `Place` of
size 1 on the equipment (portal.capacity), created when someone first books it.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.applications.claims import Claim
from portal.capacity.models import Place
from portal.models import Application
from portal.templatetags.portal_text import join_list

WEEKDAYS = [
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
]


class LabRules(models.Model):
    """The office's rules for the whole lab (one row, `LabRules.current()`); the document gives none."""

    team_valid_days = models.PositiveSmallIntegerField(
        _("a team confirmation lasts (days)"),
        null=True,
        blank=True,
        help_text=_("Empty: until the team is withdrawn. A number: the team is checked again after it."),
    )

    class Meta:
        verbose_name = _("lab rules")
        verbose_name_plural = _("lab rules")

    def __str__(self):
        return str(_("Lab rules"))

    @classmethod
    def current(cls) -> "LabRules":
        """The row staff saved, or the defaults (nothing is written on a page view)."""
        return cls.objects.first() or cls()


class EquipmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Equipment(models.Model):
    """A piece of shared lab equipment, with the hours staff set for booking it."""

    incubator = models.ForeignKey(
        "incubators.Incubator",
        on_delete=models.PROTECT,
        related_name="lab_equipment",
        verbose_name=_("incubator"),
    )
    slug = models.SlugField(_("address key"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.TimeField(_("first slot starts"), default=datetime.time(9, 0))
    closes_at = models.TimeField(_("last slot ends by"), default=datetime.time(18, 0))
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(600)],
    )
    open_weekdays = models.CharField(
        _("open on"),
        max_length=7,
        default="12345",
        validators=[RegexValidator(r"^[1-7]{1,7}$", _("Use the digits 1 (Monday) to 7 (Sunday)."))],
        help_text=_("The days it can be booked."),
    )
    book_days_ahead = models.PositiveSmallIntegerField(
        _("bookable up to (days ahead)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    is_active = models.BooleanField(_("bookable"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = EquipmentQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("lab equipment")
        verbose_name_plural = _("lab equipment")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="lab_hours_order"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("lab:detail", args=[self.slug])

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The last slot must end after the first one starts.")})
        if self.opens_at and self.closes_at and self.slot_minutes and not self.slot_times():
            raise ValidationError({"slot_minutes": _("No slot of this length fits between these hours.")})

    # --- the office's hours, as slots ---------------------------------------------------------

    @property
    def weekdays(self) -> list[int]:
        return sorted({int(d) for d in self.open_weekdays if d in "1234567"})

    def weekday_labels(self) -> list[str]:
        labels = dict(WEEKDAYS)
        return [str(labels[d]) for d in self.weekdays]

    def is_open_on(self, day: datetime.date) -> bool:
        return day.isoweekday() in self.weekdays

    def slot_times(self) -> list[datetime.time]:
        """The start time of every slot in a day, the last ending by closing time."""
        times = []
        start = datetime.datetime.combine(datetime.date(2000, 1, 1), self.opens_at)
        end = datetime.datetime.combine(datetime.date(2000, 1, 1), self.closes_at)
        length = datetime.timedelta(minutes=self.slot_minutes)
        while start + length <= end:
            times.append(start.time())
            start += length
        return times

    def slot_end(self, start: datetime.datetime) -> datetime.datetime:
        return start + datetime.timedelta(minutes=self.slot_minutes)

    def last_bookable_day(self, today: datetime.date) -> datetime.date:
        return today + datetime.timedelta(days=self.book_days_ahead)

    def bookable_days(self, today: datetime.date, *, first=None, count=7) -> list[datetime.date]:
        """Up to `count` open days from `first` (today by default) to the end of the booking window."""
        day = max(first or today, today)
        last = self.last_bookable_day(today)
        days = []
        while day <= last and len(days) < count:
            if self.is_open_on(day):
                days.append(day)
            day += datetime.timedelta(days=1)
        return days

    def slot_problem(self, start: datetime.datetime, now=None) -> tuple[str, str] | None:
        """(field, message) saying why `start` (aware) is not a slot one may book now, or None.

        Taken slots are not judged here: the place itself refuses (portal.capacity).
        """
        now = now or timezone.now()
        local = timezone.localtime(start)
        if local.date() < timezone.localdate(now) or start <= now:
            return "day", str(_("This slot has already started or passed. Choose a later one."))
        if not self.is_open_on(local.date()):
            return "day", str(
                _("This equipment cannot be booked on %(weekday)s. It can be booked on: %(days)s.")
                % {"weekday": date_format(local.date(), "l"), "days": join_list(self.weekday_labels())}
            )
        if local.date() > self.last_bookable_day(timezone.localdate(now)):
            return "day", str(
                _("Slots can be booked at most %(days)s days ahead: choose a day up to %(last)s.")
                % {
                    "days": self.book_days_ahead,
                    "last": date_format(self.last_bookable_day(timezone.localdate(now)), "SHORT_DATE_FORMAT"),
                }
            )
        if local.time().replace(second=0, microsecond=0) not in self.slot_times() or local.second:
            return "time", str(
                _("Choose one of the slots between %(opens)s and %(closes)s.")
                % {"opens": self.opens_at.strftime("%H:%M"), "closes": self.closes_at.strftime("%H:%M")}
            )
        return None

    def slot_place(self, start: datetime.datetime) -> Place:
        """The place of the slot starting at `start`, created (size 1: one team at a time) if missing.

        Safe when two people book the same new slot at once: the unique constraint keeps one row.
        """
        target_type = ContentType.objects.get_for_model(self)
        Place.objects.bulk_create(
            [
                Place(
                    target_type=target_type,
                    target_id=self.pk,
                    starts_at=start,
                    ends_at=self.slot_end(start),
                    size=1,
                )
            ],
            ignore_conflicts=True,
        )
        return Place.objects.get(target_type=target_type, target_id=self.pk, starts_at=start)

    def grid(self, days: list[datetime.date], now=None) -> list[dict]:
        """Each of `days` with its slots, free or taken: one query for any number of days and slots."""
        now = now or timezone.now()
        if not days:
            return []
        first = timezone.make_aware(datetime.datetime.combine(days[0], datetime.time()))
        last = timezone.make_aware(datetime.datetime.combine(days[-1], datetime.time())) + datetime.timedelta(
            days=1
        )
        places = Place.objects.for_target(self).filter(starts_at__gte=first, starts_at__lt=last)
        taken = {
            place.starts_at
            for place in places.only("starts_at", "size", "held")
            if place.size is not None and place.held >= place.size
        }
        rows = []
        for day in days:
            slots = []
            for time in self.slot_times():
                start = timezone.make_aware(datetime.datetime.combine(day, time))
                slots.append(
                    {
                        "start": start,
                        "end": self.slot_end(start),
                        "taken": start in taken,
                        "past": start <= now,
                    }
                )
            rows.append({"day": day, "slots": slots})
        return rows


class ResearchTeam(Application):
    """A Hong Kong research team, confirmed once by staff; its member then books the lab's slots."""

    SCHEME = "lab_research_team"
    # No BASE_LOOKUP: a team's confirmation lets it book any base's equipment, so the committee gives it.

    team_name = models.CharField(_("team name"), max_length=200, blank=True)
    institution = models.CharField(
        _("institution"),
        max_length=200,
        blank=True,
        help_text=_("The Hong Kong university or research body the team belongs to."),
    )
    research_field = models.CharField(_("field of research"), max_length=200, blank=True)
    members = models.PositiveSmallIntegerField(
        _("number of members"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )

    DOCUMENT_KINDS = {"team_proof": _("Proof of the team")}

    class Meta:
        verbose_name = _("research team for the shared lab")
        verbose_name_plural = _("research teams for the shared lab")

    def __str__(self):
        return self.team_name or super().__str__()

    def get_edit_url(self):
        return reverse("lab:team:apply_details", args=[self.reference])

    @classmethod
    def prerequisite_days(cls) -> int | None:
        # The office's rule (the document gives none): by default a confirmation lasts until withdrawn.
        return LabRules.current().team_valid_days

    def claim(self):
        # One team confirmation at a time per person: a second waits until the first is decided.
        return Claim()

    def check_before(self, action: str) -> None:
        if action in {"submit", "resubmit"} and not self.documents.filter(kind="team_proof").exists():
            raise ValidationError(_("Upload proof of your team or institution."), code="proof_missing")


class LabBooking(Application):
    """One slot on one piece of equipment, for a member of a confirmed team; free of charge."""

    SCHEME = "lab_booking"
    BASE_LOOKUP = "equipment__incubator"
    LIFECYCLE = "booking"
    TARGET_FIELD = "equipment"
    PREREQUISITE = ResearchTeam.SCHEME
    # A slot holds one team: when it is taken, the applicant chooses another (no waiting list).
    WAITLIST = False

    equipment = models.ForeignKey(
        Equipment, on_delete=models.PROTECT, null=True, related_name="bookings", verbose_name=_("equipment")
    )
    starts_at = models.DateTimeField(_("slot"), null=True, blank=True)
    purpose = models.CharField(_("what you will use it for"), max_length=300, blank=True)
    team = models.ForeignKey(
        ResearchTeam,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="bookings",
        verbose_name=_("research team"),
    )

    class Meta:
        verbose_name = _("shared lab booking")
        verbose_name_plural = _("shared lab bookings")

    def get_edit_url(self):
        return reverse("lab:apply_details", args=[self.reference])

    @property
    def ends_at(self):
        return self.equipment.slot_end(self.starts_at) if self.equipment and self.starts_at else None

    def places(self) -> list:
        if self.equipment is None or self.starts_at is None:
            return []
        return [self.equipment.slot_place(self.starts_at)]

    def confirms_at_once(self) -> bool:
        return True

    def claim(self):
        # The same person cannot be at two pieces of equipment at once: one booking per start time.
        if self.starts_at is None:
            return None
        return Claim(key=timezone.localtime(self.starts_at).strftime("%Y-%m-%dT%H:%M"))

    def check_before(self, action: str) -> None:
        if action == "request":
            if self.equipment is None or self.starts_at is None:
                raise ValidationError(_("Choose a slot first."), code="slot_missing")
            if not self.equipment.is_active:
                raise ValidationError(_("This equipment cannot be booked at the moment."), code="inactive")
            if problem := self.equipment.slot_problem(self.starts_at):
                raise ValidationError(problem[1], code="slot")
            self.team = ResearchTeam.standing_approval(self.applicant)
            self.save(update_fields=["team"])
