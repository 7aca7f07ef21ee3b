"""The Talent apartment (港澳青年人才公寓): units staff manage, and applications for a tenancy of one.

The document gives the rules (one month free, or a long lease at 50% of the market rent for at
most a year); they are read from the scheme's `lodging.LodgingScheme` row, never written here.
A unit is one place per night (portal.capacity): approval holds every night of the tenancy.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lodging.models import LodgingScheme
from portal.applications.claims import Claim
from portal.capacity.models import Place
from portal.models import Application

SCHEME_SLUG = "talent-apartment"


def the_scheme() -> LodgingScheme:
    """The scheme's catalogue row, where its rules are (free months, rent percent, longest lease)."""
    try:
        return LodgingScheme.objects.get(slug=SCHEME_SLUG)
    except LodgingScheme.DoesNotExist:
        raise ValidationError(
            _("The talent apartment is not open for applications."), code="no_scheme"
        ) from None


class UnitQuerySet(models.QuerySet):
    def open(self):
        """Units applicants see and may apply for."""
        return self.filter(is_active=True)


class Unit(models.Model):
    """One apartment unit; staff set its market rent, from which a long lease's rent follows."""

    slug = models.SlugField(_("address key"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    market_rent = models.PositiveIntegerField(
        _("market rent (RMB a month)"), help_text=_("A long lease pays the scheme's share of this.")
    )
    is_active = models.BooleanField(
        _("published"), default=True, help_text=_("Only published units are shown and can be applied for.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("apartment unit")
        verbose_name_plural = _("apartment units")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("apartments:units") + f"#{self.slug}"


def tenancy_end(start: datetime.date, months: int) -> datetime.date:
    """The last night of a tenancy of `months` from `start`: the day before the same date `months`
    later, or the last day of that month when it has no such date (31 January + 1 month → 28 February)."""
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    last = calendar.monthrange(year, month)[1]
    if start.day > last:
        return datetime.date(year, month, last)
    return datetime.date(year, month, start.day) - datetime.timedelta(days=1)


@dataclass(frozen=True, kw_only=True)
class RentQuote:
    """What a tenancy costs, as the portal computes it (never as the applicant typed it)."""

    kind: str
    months: int
    market_rent: int
    percent: int
    monthly_rent: int
    starts_on: datetime.date
    ends_on: datetime.date

    @property
    def total(self) -> int:
        return self.monthly_rent * self.months

    @property
    def is_free(self) -> bool:
        return self.monthly_rent == 0


def long_lease_rent(market_rent: int, percent: int) -> int:
    """The monthly rent of a long lease: `percent` of the market rent, to the nearest yuan (half up)."""
    return (market_rent * percent + 50) // 100


class ApartmentApplication(Application):
    """An application for a tenancy of one unit: a free short stay or a long lease at a share of its rent."""

    SCHEME = "talent_apartment"
    LIFECYCLE = "review"
    TARGET_FIELD = "unit"
    # A review: a night someone else holds refuses approval; there is no waiting list for a unit.
    WAITLIST = False

    class Kind(models.TextChoices):
        SHORT_STAY = "short_stay", _("Short stay (free)")
        LONG_LEASE = "long_lease", _("Long lease (reduced rent)")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, related_name="applications", verbose_name=_("unit")
    )
    # Empty until the applicant fills in the details (a draft may be finished later).
    kind = models.CharField(_("kind of stay"), max_length=20, choices=Kind.choices, blank=True)
    starts_on = models.DateField(_("moving in"), null=True, blank=True)
    months = models.PositiveSmallIntegerField(_("months"), null=True, blank=True)
    # Set by the portal when the applicant submits (check_before), from the unit and the scheme's row.
    market_rent = models.PositiveIntegerField(_("market rent (RMB a month)"), null=True, editable=False)
    monthly_rent = models.PositiveIntegerField(_("rent (RMB a month)"), null=True, editable=False)

    class Meta:
        verbose_name = _("talent apartment application")
        verbose_name_plural = _("talent apartment applications")

    def get_edit_url(self):
        return reverse("apartments:apply_details", args=[self.reference])

    @property
    def ends_on(self) -> datetime.date | None:
        """The last night of the tenancy (derived from the start and the months, never stored)."""
        if not (self.starts_on and self.months):
            return None
        return tenancy_end(self.starts_on, self.months)

    @property
    def total_rent(self) -> int | None:
        if self.monthly_rent is None or not self.months:
            return None
        return self.monthly_rent * self.months

    def nights(self) -> list[datetime.date]:
        if self.ends_on is None:
            return []
        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + datetime.timedelta(days=n) for n in range(count)]

    def quote(self, scheme: LodgingScheme | None = None) -> RentQuote:
        """The rent and dates from the unit and the scheme's row as they are now; ValidationError if
        the details do not allow a tenancy."""
        scheme = scheme or the_scheme()
        if self.unit is None or not self.kind or self.starts_on is None:
            raise ValidationError(_("Fill in the details of your stay first."), code="details_missing")
        if self.kind == self.Kind.SHORT_STAY:
            if not scheme.free_months:
                raise ValidationError(_("Short stays are not offered at present."), code="no_short_stay")
            months, percent = scheme.free_months, 0
        else:
            longest = scheme.max_lease_months or 0
            if scheme.long_lease_rent_percent is None or not longest:
                raise ValidationError(_("Long leases are not offered at present."), code="no_long_lease")
            months, percent = self.months or 0, scheme.long_lease_rent_percent
            if not 1 <= months <= longest:
                raise ValidationError(
                    _("A long lease is from 1 to %(max)s months."),
                    code="months_range",
                    params={"max": longest},
                )
        return RentQuote(
            kind=self.kind,
            months=months,
            market_rent=self.unit.market_rent,
            percent=percent,
            monthly_rent=long_lease_rent(self.unit.market_rent, percent),
            starts_on=self.starts_on,
            ends_on=tenancy_end(self.starts_on, months),
        )

    # --- hooks of the shared workflow ------------------------------------------------------------

    def places(self) -> list:
        # One place per night of the tenancy, of size 1: the unit is someone's or free that night.
        if self.unit_id is None or self.ends_on is None:
            return []
        nights = self.nights()
        # Pages read these often and a year is 365 rows: one read when they exist, creating only if not.
        existing = list(Place.objects.for_target(self.unit).filter(day__in=nights).order_by("day"))
        if len(existing) == len(nights):
            return existing
        return Place.objects.nights(self.unit, nights, size=1)

    def claim(self) -> Claim | None:
        # One tenancy at a time: the same person's tenancies may not overlap, whichever the unit.
        if self.ends_on is None:
            return None
        return Claim(start=self.starts_on, end=self.ends_on)

    def check_before(self, action: str) -> None:
        if action not in {"submit", "resubmit"}:
            return
        if self.unit is None or not self.unit.is_active:
            raise ValidationError(
                _("This unit is no longer open for applications. Choose another unit."), code="unit_closed"
            )
        if self.starts_on is not None and self.starts_on < timezone.localdate():
            raise ValidationError(
                _("The moving-in date has passed. Change the details of your stay."), code="past"
            )
        quote = self.quote()
        # Asked of the one capacity mechanism, not counted here; approval still holds the nights or refuses.
        from portal.capacity.bookings import availability

        if (found := availability(self)) is not None and found.is_full:
            raise ValidationError(
                _("The unit is taken for some of these nights. Choose other dates or another unit."),
                code="full",
            )
        self.months, self.market_rent, self.monthly_rent = quote.months, quote.market_rent, quote.monthly_rent
        self.save(update_fields=["months", "market_rent", "monthly_rent"])
