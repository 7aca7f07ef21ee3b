"""Places: anything with a limited number of them, held all or nothing, with a waiting list.

A `Place` is one thing a scheme counts: a session's or an event's seats, a room type on one
night, an apartment unit on one night, an equipment slot. Its `held` counter is changed only by
`portal.capacity.services`, under row locks, and the database refuses any row whose `held`
exceeds its `size` (see docs/adr/0008-one-capacity-mechanism.md).
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


def _subquery_sum(queryset, field):
    """One correlated subquery per annotation, so availability costs no query per place."""
    total = queryset.order_by().values("place").annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(total, output_field=models.IntegerField()), Value(0))


class PlaceQuerySet(models.QuerySet):
    def for_target(self, target):
        return self.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)

    def with_availability(self):
        """Annotate `offered`, `waiting` and `available` (None when the size is unlimited)."""
        offers = Hold.objects.filter(place=OuterRef("pk"), released_at__isnull=True, expires_at__isnull=False)
        waiting = WaitlistEntry.objects.filter(place=OuterRef("pk"), status=WaitlistEntry.Status.WAITING)
        return self.annotate(
            offered=_subquery_sum(offers, "quantity"),
            waiting=_subquery_sum(waiting, "quantity"),
            available=F("size") - F("held"),
        )

    def nights(self, target, nights, *, size):
        """The places of `target` on each of `nights` (dates), created with `size` where missing.

        Safe when two requests create the same night at once: the unique constraint keeps one row.
        """
        target_type = ContentType.objects.get_for_model(target)
        self.bulk_create(
            [Place(target_type=target_type, target_id=target.pk, day=day, size=size) for day in nights],
            ignore_conflicts=True,
        )
        return list(self.filter(target_type=target_type, target_id=target.pk, day__in=nights).order_by("day"))


class Place(models.Model):
    """Places of one target: a whole session or event, one night, or one time slot.

    `size` NULL means unlimited. `held` counts the places held and offered (see `Hold`).
    """

    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("kind of target"))
    target_id = models.PositiveBigIntegerField(_("target id"))
    target = GenericForeignKey("target_type", "target_id")
    day = models.DateField(_("night or day"), null=True, blank=True)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    size = models.PositiveIntegerField(
        _("number of places"),
        null=True,
        blank=True,
        help_text=_("How many places there are. Empty means unlimited."),
    )
    held = models.IntegerField(_("held"), default=0, editable=False)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["target_type", "target_id", "day", "starts_at", "pk"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            # The last word on overbooking: no transaction can commit more held than there are places.
            models.CheckConstraint(
                condition=Q(size__isnull=True) | Q(held__lte=F("size")),
                name="capacity_place_held_within_size",
            ),
            models.CheckConstraint(condition=Q(held__gte=0), name="capacity_place_held_not_negative"),
            models.CheckConstraint(
                condition=Q(day__isnull=True) | Q(starts_at__isnull=True), name="capacity_place_day_or_slot"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=False, ends_at__gt=F("starts_at")),
                name="capacity_place_slot_ends_after_start",
            ),
            # One row per target, per target and night, per target and slot start. Three partial
            # constraints because NULLs are distinct in a plain unique constraint.
            models.UniqueConstraint(
                fields=["target_type", "target_id"],
                condition=Q(day__isnull=True, starts_at__isnull=True),
                name="capacity_place_one_per_target",
            ),
            models.UniqueConstraint(
                fields=["target_type", "target_id", "day"],
                condition=Q(day__isnull=False),
                name="capacity_place_one_per_night",
            ),
            models.UniqueConstraint(
                fields=["target_type", "target_id", "starts_at"],
                condition=Q(starts_at__isnull=False),
                name="capacity_place_one_per_slot",
            ),
        ]

    def __str__(self):
        when = ""
        if self.day:
            when = date_format(self.day, "DATE_FORMAT")
        elif self.starts_at:
            when = date_format(timezone.localtime(self.starts_at), "DATETIME_FORMAT")
        return f"{self.target} · {when}" if when else str(self.target)

    def check_size(self, size):
        """Refuse a size below what is held or offered now (the caller has locked this row)."""
        if size is not None and size < self.held:
            raise ValidationError(
                {
                    "size": ngettext(
                        "%(held)d place is held or offered; the size cannot be lower than that.",
                        "%(held)d places are held or offered; the size cannot be lower than that.",
                        self.held,
                    )
                    % {"held": self.held}
                },
                code="below_held",
            )


class HoldQuerySet(models.QuerySet):
    def current(self):
        return self.filter(released_at__isnull=True)


class Hold(models.Model):
    """Places taken on one place-holder for one application, until released.

    While `expires_at` is set the hold is an offer to someone from the waiting list: it keeps the
    place for them until they accept (then it is an ordinary hold) or it expires.
    """

    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="holds", verbose_name=_("place"))
    application = models.ForeignKey(
        "portal.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="holds",
        verbose_name=_("application"),
    )
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    created_at = models.DateTimeField(_("held since"), auto_now_add=True)
    expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True, db_index=True)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)

    objects = HoldQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("hold")
        verbose_name_plural = _("holds")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="capacity_hold_quantity_positive"),
            models.UniqueConstraint(
                fields=["place", "application"],
                condition=Q(released_at__isnull=True),
                name="capacity_hold_once_per_application",
            ),
        ]

    def __str__(self):
        return f"{self.application or '—'} · {self.place} × {self.quantity}"


class OfferManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(expires_at__isnull=False, released_at__isnull=True)


class Offer(Hold):
    """An open offer: a hold kept for someone from the waiting list until it expires."""

    objects = OfferManager()

    class Meta:
        proxy = True
        verbose_name = _("offer")
        verbose_name_plural = _("offers")


class WaitlistEntry(models.Model):
    """An application waiting for a place; one row per place (a 3-night stay waits on 3 rows)."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        OFFERED = "offered", _("Offered a place")
        ACCEPTED = "accepted", _("Accepted")
        EXPIRED = "expired", _("Offer expired")
        LEFT = "left", _("Left the waiting list")

    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="waitlist", verbose_name=_("place")
    )
    application = models.ForeignKey(
        "portal.Application", on_delete=models.PROTECT, related_name="waitlist", verbose_name=_("application")
    )
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING, editable=False
    )
    created_at = models.DateTimeField(_("joined"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list entries")
        constraints = [
            models.UniqueConstraint(
                fields=["place", "application"],
                condition=Q(status__in=["waiting", "offered"]),
                name="capacity_waitlist_once_per_application",
            ),
        ]

    def __str__(self):
        return f"{self.application} · {self.place}"


class Reminder(models.Model):
    """A reminder sent for a booking: one per application and day, so cron may run twice."""

    application = models.ForeignKey(
        "portal.Application", on_delete=models.CASCADE, related_name="+", verbose_name=_("application")
    )
    day = models.DateField(_("for the day"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["application", "day"], name="capacity_one_reminder_per_day")
        ]

    def __str__(self):
        return f"{self.application} · {self.day}"
