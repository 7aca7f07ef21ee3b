"""A scheme on the booking lifecycle with nothing of its own but its model (and its form below):
the shared workflow, journey, pages and emails do the rest (tests/portal/test_booking.py)."""

import datetime

from django import forms
from django.db import models
from django.utils import timezone

from portal.applications.claims import Claim
from portal.models import Application


class SessionBooking(Application):
    SCHEME = "test_session_booking"
    LIFECYCLE = "booking"

    day = models.DateField("day", null=True, blank=True)

    class Meta:
        verbose_name = "session booking"

    def get_edit_url(self):
        from django.urls import reverse

        return reverse("booked:apply_details", args=[self.reference])

    def claim(self):
        # One booking per person per day.
        return Claim(start=self.day, end=self.day) if self.day else None

    def cancel_cutoff(self):
        # Up to the day before, at midnight.
        if self.day is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(self.day, datetime.time())) - datetime.timedelta(
            days=1
        )


class SessionBookingForm(forms.ModelForm):
    class Meta:
        model = SessionBooking
        fields = ["day"]

    def __init__(self, *args, scheme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].required = True


class UnitApplication(Application):
    """A scheme whose every application is for one target: here an incubator base, by its slug."""

    SCHEME = "test_unit"
    TARGET_FIELD = "unit"

    unit = models.ForeignKey("incubators.Incubator", on_delete=models.PROTECT, null=True, related_name="+")
    purpose = models.CharField("purpose", max_length=200, blank=True)

    class Meta:
        verbose_name = "unit application"

    def get_edit_url(self):
        from django.urls import reverse

        return reverse("units:apply_details", args=[self.reference])


class UnitApplicationForm(forms.ModelForm):
    class Meta:
        model = UnitApplication
        fields = ["purpose"]

    def __init__(self, *args, scheme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].required = True


# ---------------------------------------------------------------------------------------------
# Schemes with places (tests/portal/test_booking.py, tests/capacity/): each is its model, its
# form, its admin (tests/schemes/admin.py) and its rules below, and nothing else. The shared
# workflow holds and frees the places, the journey shows availability, the applicant's pages
# show offers, cut-offs and the calendar file.


class Workshop(models.Model):
    """A session with seats: one place for the whole of it."""

    name = models.CharField("name", max_length=100)
    slug = models.SlugField("address key", unique=True)
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    seats = models.PositiveIntegerField("seats", default=10)
    # A rule the source does not give: the office's setting, per workshop.
    waiting_list = models.BooleanField("people may wait for a seat when it is full", default=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = "workshop"

    def __str__(self):
        return self.name


class WorkshopSeat(Application):
    SCHEME = "test_workshop_seat"
    LIFECYCLE = "booking"
    TARGET_FIELD = "workshop"

    workshop = models.ForeignKey(Workshop, on_delete=models.PROTECT, null=True, related_name="+")
    needs = models.CharField("anything we should know", max_length=200, blank=True)

    class Meta:
        verbose_name = "workshop seat"

    def get_edit_url(self):
        from django.urls import NoReverseMatch, reverse

        try:
            return reverse("workshops:apply_details", args=[self.reference])
        except NoReverseMatch:  # the journey is mounted only in tests/portal/booking_urls.py
            return self.get_absolute_url()

    @property
    def WAITLIST(self):  # noqa: N802 - the hook's name
        return self.workshop.waiting_list if self.workshop else True

    def places(self):
        from django.contrib.contenttypes.models import ContentType

        from portal.capacity.models import Place

        if self.workshop is None:
            return []
        workshop = self.workshop
        place, _created = Place.objects.get_or_create(
            target_type=ContentType.objects.get_for_model(Workshop),
            target_id=workshop.pk,
            starts_at=workshop.starts_at,
            defaults={"ends_at": workshop.ends_at, "size": workshop.seats},
        )
        return [place]

    def confirms_at_once(self):
        return True

    def claim(self):
        # One seat per person per workshop.
        return Claim(key=f"workshop:{self.workshop_id}") if self.workshop_id else None


class WorkshopSeatForm(forms.ModelForm):
    class Meta:
        model = WorkshopSeat
        fields = ["needs"]

    def __init__(self, *args, scheme=None, **kwargs):
        super().__init__(*args, **kwargs)


class Room(models.Model):
    """A room type: one place per night."""

    name = models.CharField("name", max_length=100)
    slug = models.SlugField("address key", unique=True)
    rooms = models.PositiveIntegerField("rooms", default=10)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "room type"

    def __str__(self):
        return self.name


class StayRules(models.Model):
    """What a stay and a lease share: a room, from arrival to departure (the nights between)."""

    room = models.ForeignKey(Room, on_delete=models.PROTECT, null=True, related_name="+")
    arrive = models.DateField("arrive", null=True, blank=True)
    leave = models.DateField("leave", null=True, blank=True)

    class Meta:
        abstract = True

    def nights(self):
        if not (self.room_id and self.arrive and self.leave) or self.leave <= self.arrive:
            return []
        return [self.arrive + datetime.timedelta(days=n) for n in range((self.leave - self.arrive).days)]

    def places(self):
        from portal.capacity.models import Place

        nights = self.nights()
        return Place.objects.nights(self.room, nights, size=self.room.rooms) if nights else []

    def claim(self):
        # One stay at a time: no two overlapping (last night included).
        nights = self.nights()
        return Claim(start=nights[0], end=nights[-1]) if nights else None


class RoomStay(StayRules, Application):  # noqa: DJ008 - named as every application is
    SCHEME = "test_room_stay"
    LIFECYCLE = "booking"
    TARGET_FIELD = "room"

    class Meta:
        verbose_name = "room stay"

    def confirms_at_once(self):
        return True


class RoomLease(StayRules, Application):  # noqa: DJ008 - named as every application is
    """A review scheme with places: approving holds the nights."""

    SCHEME = "test_room_lease"
    TARGET_FIELD = "room"

    class Meta:
        verbose_name = "room lease"


class CohortEntry(Application):
    """A scheme on the cohort lifecycle with nothing of its own (tests/portal/test_workflow.py)."""

    SCHEME = "test_cohort_entry"
    LIFECYCLE = "cohort"

    class Meta:
        verbose_name = "cohort entry"


class PostPlacement(Application):
    """A scheme on the placement lifecycle with nothing of its own (tests/portal/test_workflow.py)."""

    SCHEME = "test_post_placement"
    LIFECYCLE = "placement"

    class Meta:
        verbose_name = "post placement"
