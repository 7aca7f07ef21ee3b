"""Trouble Maker's shared experiment platform at the "7+" community: the mechanical-manufacturing lab
and the electrical lab, for makers who are its members.

The document says the labs are for maker members; it gives no hours, slot length, benches or how
long a membership lasts, so those are the office's, on rows staff edit (and the pages say so). A
maker applies once for membership (`MakerMembership`, the review lifecycle); approval gives them a
member code. Members then book lab time (`MakerLabBooking`, the booking lifecycle) that the portal
confirms at once while the slot has a free bench: each slot is a `Place` of the lab whose size is
its benches (portal.capacity), created when someone first books it.
"""

import datetime
import secrets

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.applications.claims import Claim
from portal.capacity.models import Place
from portal.models import Application


class MakerLabRules(models.Model):
    """The office's rules for both labs (one row, `MakerLabRules.current()`); the document gives none."""

    membership_valid_days = models.PositiveSmallIntegerField(
        _("a membership lasts (days)"),
        null=True,
        blank=True,
        help_text=_("Empty: until it is withdrawn. A number: the maker applies again after it."),
    )

    class Meta:
        verbose_name = _("maker lab rules")
        verbose_name_plural = _("maker lab rules")

    def __str__(self):
        return str(_("Maker lab rules"))

    @classmethod
    def current(cls) -> "MakerLabRules":
        """The row staff saved, or the defaults (nothing is written on a page view)."""
        return cls.objects.first() or cls()


class MakerLabQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class MakerLab(models.Model):
    """One of Trouble Maker's labs, with the hours and benches staff set for booking it."""

    incubator = models.ForeignKey(
        "incubators.Incubator", on_delete=models.PROTECT, related_name="maker_labs", verbose_name=_("base")
    )
    slug = models.SlugField(_("address key"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.TimeField(_("first slot starts"), default=datetime.time(10, 0))
    closes_at = models.TimeField(_("last slot ends by"), default=datetime.time(18, 0))
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), default=120, validators=[MinValueValidator(15), MaxValueValidator(600)]
    )
    open_weekdays = models.CharField(
        _("open on"),
        max_length=7,
        default="12345",
        validators=[RegexValidator(r"^[1-7]{1,7}$", _("Use the digits 1 (Monday) to 7 (Sunday)."))],
        help_text=_("The days it can be booked, as digits: 1 is Monday, 7 is Sunday."),
    )
    book_days_ahead = models.PositiveSmallIntegerField(
        _("bookable up to (days ahead)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    benches = models.PositiveSmallIntegerField(
        _("members per slot"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("How many members can book the same slot (benches)."),
    )
    is_active = models.BooleanField(_("bookable"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = MakerLabQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("maker lab")
        verbose_name_plural = _("maker labs")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("makerlab:list") + f"#lab-{self.slug}"

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The last slot must end after the first one starts.")})
        if self.opens_at and self.closes_at and self.slot_minutes and not self.slot_times():
            raise ValidationError({"slot_minutes": _("No slot of this length fits between these hours.")})

    @property
    def weekdays(self) -> list[int]:
        return sorted({int(d) for d in self.open_weekdays if d in "1234567"})

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

    def slot_problem(self, start: datetime.datetime, now=None) -> str | None:
        """Why `start` (aware) is not a slot one may book now, or None. Full slots: the place says."""
        now = now or timezone.now()
        local = timezone.localtime(start)
        today = timezone.localdate(now)
        if start <= now:
            return str(_("This slot has already started or passed. Choose a later one."))
        if local.isoweekday() not in self.weekdays:
            return str(_("The lab cannot be booked on this day of the week. Choose another day."))
        if local.date() > today + datetime.timedelta(days=self.book_days_ahead):
            return str(_("Slots can be booked at most %(days)s days ahead.") % {"days": self.book_days_ahead})
        if local.time().replace(second=0, microsecond=0) not in self.slot_times() or local.second:
            return str(_("Choose one of the lab's start times."))
        return None

    def slot_place(self, start: datetime.datetime) -> Place:
        """The place of the slot starting at `start` (size: the lab's benches), created if missing.

        Safe when two members book the same new slot at once: the unique constraint keeps one row.
        """
        target_type = ContentType.objects.get_for_model(self)
        Place.objects.bulk_create(
            [
                Place(
                    target_type=target_type,
                    target_id=self.pk,
                    starts_at=start,
                    ends_at=self.slot_end(start),
                    size=self.benches,
                )
            ],
            ignore_conflicts=True,
        )
        return Place.objects.get(target_type=target_type, target_id=self.pk, starts_at=start)


def new_member_code() -> str:
    """A random code such as TM-7Q4K9X2M, unused so far (the column is unique as well)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
    while True:
        code = "TM-" + "".join(secrets.choice(alphabet) for _ in range(8))
        if not MakerMembership.objects.filter(member_code=code).exists():
            return code


class MakerMembership(Application):
    """A maker's membership of the Trouble Maker labs, checked once by staff; it gives a member code."""

    SCHEME = "maker_membership"

    making = models.TextField(_("what you want to make"), blank=True)
    experience = models.TextField(_("your experience"), blank=True)
    member_code = models.CharField(  # noqa: DJ001 - unique allows many NULLs, not many ""
        _("member code"), max_length=20, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("Trouble Maker lab membership")
        verbose_name_plural = _("Trouble Maker lab memberships")

    def get_edit_url(self):
        return reverse("makerlab:member:apply_details", args=[self.reference])

    @classmethod
    def prerequisite_days(cls) -> int | None:
        return MakerLabRules.current().membership_valid_days

    def claim(self):
        # One membership at a time per person.
        return Claim()

    def after(self, action: str, *, actor) -> None:
        if action == "approve" and not self.member_code:
            self.member_code = new_member_code()
            self.save(update_fields=["member_code"])


class MakerLabBooking(Application):
    """One slot in one of the labs, for a member; confirmed at once while a bench is free."""

    SCHEME = "maker_lab_booking"
    LIFECYCLE = "booking"
    TARGET_FIELD = "lab"
    BASE_LOOKUP = "lab__incubator"
    PREREQUISITE = MakerMembership.SCHEME
    # A full slot is refused: the member chooses another (no waiting list).
    WAITLIST = False

    lab = models.ForeignKey(
        MakerLab, on_delete=models.PROTECT, null=True, related_name="bookings", verbose_name=_("lab")
    )
    starts_at = models.DateTimeField(_("slot"), null=True, blank=True)
    purpose = models.CharField(_("what you will work on"), max_length=300, blank=True)
    membership = models.ForeignKey(
        MakerMembership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="bookings",
        verbose_name=_("membership"),
    )

    class Meta:
        verbose_name = _("Trouble Maker lab booking")
        verbose_name_plural = _("Trouble Maker lab bookings")

    def get_edit_url(self):
        return reverse("makerlab:apply_details", args=[self.reference])

    @property
    def ends_at(self):
        return self.lab.slot_end(self.starts_at) if self.lab and self.starts_at else None

    def places(self) -> list:
        if self.lab is None or self.starts_at is None:
            return []
        return [self.lab.slot_place(self.starts_at)]

    def confirms_at_once(self) -> bool:
        return True

    def claim(self):
        # A member is in one lab at a time: one booking per start time.
        if self.starts_at is None:
            return None
        return Claim(key=timezone.localtime(self.starts_at).strftime("%Y-%m-%dT%H:%M"))

    def check_before(self, action: str) -> None:
        if action == "request":
            if self.lab is None or self.starts_at is None:
                raise ValidationError(_("Choose a slot first."), code="slot_missing")
            if not self.lab.is_active:
                raise ValidationError(_("This lab cannot be booked at the moment."), code="inactive")
            if problem := self.lab.slot_problem(self.starts_at):
                raise ValidationError(problem, code="slot")
            self.membership = MakerMembership.standing_approval(self.applicant)
            self.save(update_fields=["membership"])
