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
