"""The two youth stations: the overtime station (a room tonight, for those working in Hetao) and the
youth station (up to the document's 7 free nights, on application).

Rooms are counted by the one capacity mechanism: each night of a room type is a
`portal.capacity.models.Place` whose size is the room type's number of rooms. The rules the
document does not give (how long a proof of employment stays valid, stays per year, how far
ahead) are on a `StationRules` row staff edit, and the pages say they are the office's.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lodging.models import LodgingScheme
from portal.applications.claims import Claim
from portal.capacity.models import Place
from portal.models import Application

# The catalogue's rows (portal/catalogue/catalogue.yaml) the stations belong to.
OVERTIME = "overtime-station"
YOUTH = "youth-station"


class StationRules(models.Model):
    """The office's own rules for one station: the document gives none of these."""

    scheme = models.OneToOneField(
        LodgingScheme, on_delete=models.CASCADE, related_name="station_rules", verbose_name=_("station")
    )
    proof_valid_days = models.PositiveSmallIntegerField(
        _("days a proof of employment stays valid"),
        default=365,
        help_text=_("Overtime station: counted from the day staff approve the proof."),
    )
    stays_per_year = models.PositiveSmallIntegerField(
        _("stays per person per calendar year"),
        null=True,
        blank=True,
        default=2,
        help_text=_("Youth station. Empty means no limit."),
    )
    book_ahead_days = models.PositiveSmallIntegerField(
        _("how many days ahead one may book"),
        default=60,
        help_text=_("Youth station: the latest arrival date, counted from today."),
    )
    cancel_until = models.TimeField(
        _("a room tonight can be cancelled until"),
        default=datetime.time(22, 0),
        help_text=_("Overtime station: the time on the night itself."),
    )

    class Meta:
        verbose_name = _("station rules")
        verbose_name_plural = _("station rules")

    def __str__(self):
        return str(self.scheme)

    @classmethod
    def for_station(cls, slug: str) -> "StationRules":
        """The station's rules, created with the defaults the first time they are asked for."""
        scheme = LodgingScheme.objects.get(slug=slug)
        rules, _created = cls.objects.select_related("scheme").get_or_create(scheme=scheme)
        return rules


class RoomTypeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def of(self, slug: str):
        return self.published().filter(scheme__slug=slug)

    def with_free_rooms(self, day: datetime.date):
        """Annotate `free`: rooms not held on `day` (all of them while the night has no place yet)."""
        night = Place.objects.filter(
            target_type=ContentType.objects.get_for_model(RoomType), target_id=OuterRef("pk"), day=day
        ).annotate(free=F("size") - F("held"))
        free = Subquery(night.values("free")[:1], output_field=models.IntegerField())
        return self.annotate(free=Coalesce(free, F("rooms"), output_field=models.IntegerField()))


class RoomType(models.Model):
    """A kind of room in one hotel that a station offers; `rooms` is the size of each night."""

    scheme = models.ForeignKey(
        LodgingScheme,
        on_delete=models.PROTECT,
        related_name="room_types",
        verbose_name=_("station"),
        limit_choices_to={"slug__in": [OVERTIME, YOUTH]},
    )
    slug = models.SlugField(_("address key"), unique=True)
    hotel = models.CharField(_("hotel"), max_length=200)
    name = models.CharField(_("room"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    rooms = models.PositiveSmallIntegerField(
        _("number of rooms"),
        default=1,
        help_text=_(
            "Rooms of this type each night. Changing it changes every future night; it cannot be "
            "lower than the rooms already booked on a night."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    objects = RoomTypeQuerySet.as_manager()

    class Meta:
        ordering = ["scheme__order", "order", "id"]
        verbose_name = _("room type")
        verbose_name_plural = _("room types")

    def __str__(self):
        return f"{self.hotel} · {self.name}"

    def nights(self, days) -> list[Place]:
        """This room type's places on `days`, created with today's number of rooms where missing."""
        return Place.objects.nights(self, list(days), size=self.rooms)


def night_list(first: datetime.date, count: int) -> list[datetime.date]:
    return [first + datetime.timedelta(days=n) for n in range(count)]


class HetaoWorkProof(Application):
    """Proof of working in the Hetao zone: reviewed once, then valid for the days staff set."""

    SCHEME = "hetao_work_proof"
    DOCUMENT_KIND = "employment_proof"
    DOCUMENT_KINDS = {**Application.DOCUMENT_KINDS, DOCUMENT_KIND: _("Proof of employment")}
    PERSONAL_FIELDS = ("employer", "work_address")

    employer = models.CharField(_("employer"), max_length=200, blank=True)
    work_address = models.CharField(_("work address in the Hetao zone"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("proof of work in the Hetao zone")
        verbose_name_plural = _("proofs of work in the Hetao zone")

    def get_edit_url(self):
        return reverse("stations:proof:apply_details", args=[self.reference])

    @classmethod
    def prerequisite_days(cls) -> int | None:
        return StationRules.for_station(OVERTIME).proof_valid_days

    def check_before(self, action: str) -> None:
        if action != "submit":
            return
        profile = getattr(self.applicant, "profile", None)
        if profile is None or not profile.works_in_hetao:
            raise ValidationError(
                _(
                    "The overtime station is for people working in the Hetao zone: "
                    "say so in your profile first."
                ),
                code="not_in_hetao",
            )
        if not (self.employer and self.work_address):
            raise ValidationError(
                _("Give your employer and your work address first."), code="details_missing"
            )
        if not self.documents.filter(kind=self.DOCUMENT_KIND).exists():
            raise ValidationError(_("Upload your proof of employment."), code="proof_missing")


class OvertimeStay(Application):
    """One night at the overtime station, tonight: confirmed at once when a room is free."""

    SCHEME = "overtime_stay"
    LIFECYCLE = "booking"
    TARGET_FIELD = "room_type"
    PREREQUISITE = HetaoWorkProof.SCHEME
    # Tonight cannot wait for a room to free up.
    WAITLIST = False

    room_type = models.ForeignKey(
        RoomType, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("room")
    )
    night = models.DateField(_("night"), null=True, blank=True)

    class Meta:
        verbose_name = _("overtime station night")
        verbose_name_plural = _("overtime station nights")

    def get_edit_url(self):
        return reverse("stations:tonight")

    @classmethod
    def prerequisite_days(cls) -> int | None:
        return HetaoWorkProof.prerequisite_days()

    def places(self):
        if self.room_type_id is None or self.night is None:
            return []
        return self.room_type.nights([self.night])

    def confirms_at_once(self) -> bool:
        return True

    def claim(self):
        # One room a night.
        return Claim(start=self.night, end=self.night) if self.night else None

    def cancel_cutoff(self):
        if self.night is None:
            return None
        until = StationRules.for_station(OVERTIME).cancel_until
        return timezone.make_aware(datetime.datetime.combine(self.night, until))

    def check_before(self, action: str) -> None:
        if action == "request" and self.night != timezone.localdate():
            raise ValidationError(_("The overtime station books tonight only."), code="not_tonight")


class Purpose(models.TextChoices):
    SHOPPING = "shopping", _("Shopping")
    TRAVEL = "travel", _("Travel")
    FRIENDS = "friends", _("Visiting friends")


class YouthStationStay(Application):
    """A stay of up to the document's free nights at the youth station; staff confirm it."""

    SCHEME = "youth_station_stay"
    LIFECYCLE = "booking"
    TARGET_FIELD = "room_type"

    room_type = models.ForeignKey(
        RoomType, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("room")
    )
    arrival = models.DateField(_("arrival"), null=True, blank=True)
    nights = models.PositiveSmallIntegerField(_("nights"), null=True, blank=True)
    purpose = models.CharField(_("purpose of the visit"), max_length=20, choices=Purpose.choices, blank=True)

    class Meta:
        verbose_name = _("youth station stay")
        verbose_name_plural = _("youth station stays")

    def get_edit_url(self):
        return reverse("stations:apply_details", args=[self.reference])

    @property
    def departure(self) -> datetime.date | None:
        if self.arrival is None or not self.nights:
            return None
        return self.arrival + datetime.timedelta(days=self.nights)

    def night_dates(self) -> list[datetime.date]:
        if self.arrival is None or not self.nights:
            return []
        return night_list(self.arrival, self.nights)

    def places(self):
        if self.room_type_id is None or not self.night_dates():
            return []
        return self.room_type.nights(self.night_dates())

    def claim(self):
        dates = self.night_dates()
        return Claim(start=dates[0], end=dates[-1]) if dates else None

    def refusals(self, *, today=None) -> dict[str, str]:
        """What is wrong with the stay as asked, by field: the form shows each next to its field,
        and `check_before` refuses to send it (the rules may change between the two)."""
        today = today or timezone.localdate()
        scheme = LodgingScheme.objects.get(slug=YOUTH)
        rules = StationRules.for_station(YOUTH)
        errors = {}
        if self.arrival is not None:
            if self.arrival < today:
                errors["arrival"] = _("The arrival date is in the past: choose today or a later day.")
            elif self.arrival > today + datetime.timedelta(days=rules.book_ahead_days):
                latest = today + datetime.timedelta(days=rules.book_ahead_days)
                errors["arrival"] = _(
                    "The office takes bookings up to %(days)s days ahead: arrive by %(date)s at the latest."
                ) % {"days": rules.book_ahead_days, "date": formats.date_format(latest, "DATE_FORMAT")}
        if self.nights is not None and self.nights < 1:
            errors["nights"] = _("Stay at least 1 night.")
        elif self.nights is not None and scheme.max_free_nights and self.nights > scheme.max_free_nights:
            errors["nights"] = ngettext(
                "The youth station offers at most %(max)s free night.",
                "The youth station offers at most %(max)s free nights.",
                scheme.max_free_nights,
            ) % {"max": scheme.max_free_nights}
        if errors or self.claim() is None or self.applicant_id is None:
            return errors
        mine = (
            YouthStationStay.objects.filter(applicant_id=self.applicant_id, status__in=self.lifecycle.holding)
            .exclude(pk=self.pk)
            .only("arrival", "nights")
        )
        claim = self.claim()
        same = [other for other in mine if (theirs := other.claim()) and claim.overlaps(theirs)]
        if same:
            errors["arrival"] = _(
                "You already have a stay on one of these nights (%(reference)s): choose other dates."
            ) % {"reference": same[0].reference}
        elif rules.stays_per_year is not None:
            this_year = [other for other in mine if other.arrival and other.arrival.year == self.arrival.year]
            if len(this_year) >= rules.stays_per_year:
                errors["arrival"] = ngettext(
                    "The office's limit is %(limit)s stay per person in %(year)s, and you have it already.",
                    "The office's limit is %(limit)s stays per person in %(year)s, "
                    "and you have them already.",
                    rules.stays_per_year,
                ) % {"limit": rules.stays_per_year, "year": self.arrival.year}
        return errors

    def check_before(self, action: str) -> None:
        if action != "request":
            return
        if self.arrival is None or not self.nights or not self.purpose or self.room_type_id is None:
            raise ValidationError(
                _("Give your dates and the purpose of your visit first."), code="details_missing"
            )
        if errors := self.refusals():
            raise ValidationError(next(iter(errors.values())), code="refused")
