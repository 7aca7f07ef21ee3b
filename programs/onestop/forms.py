import datetime

from django import forms
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AgencyRequest, CounsellingAppointment, OnestopRules, Service


class CounsellingForm(forms.ModelForm):
    """The counselling, a day and one of the office's start times, and a short note."""

    day = forms.DateField(
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Choose the day."),
            "invalid": _("Enter the day as on a calendar, for example 2026-12-03."),
        },
    )
    time = forms.ChoiceField(
        label=_("Start time"),
        error_messages={
            "required": _("Choose the start time."),
            "invalid_choice": _("Choose one of the start times in the list."),
        },
    )

    class Meta:
        model = CounsellingAppointment
        # starts_at is made from `day` and `time` in clean().
        fields = ["topic", "starts_at", "note"]
        widgets = {"topic": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"topic": {"required": _("Choose employment or entrepreneurship counselling.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["starts_at"]
        self.fields["topic"].required = True
        self.fields["topic"].choices = CounsellingAppointment.Topic.choices
        self.rules = OnestopRules.current()
        times = self.rules.slot_times()
        self.fields["time"].choices = [("", _("Choose…"))] + [(t.strftime("%H:%M"),) * 2 for t in times]
        self.fields["time"].help_text = _("Each slot is %(minutes)s minutes.") % {
            "minutes": self.rules.slot_minutes
        }
        today = timezone.localdate()
        self.fields["day"].widget.attrs.update(
            {"min": today.isoformat(), "max": self.rules.last_bookable_day(today).isoformat()}
        )
        if self.instance.starts_at:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("day", local.date())
            self.initial.setdefault("time", local.strftime("%H:%M"))
        self.order_fields(["topic", "day", "time", "note"])

    def clean(self):
        data = super().clean()
        day, time = data.get("day"), data.get("time")
        if day and time:
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.fromisoformat(time)))
            if problem := self.rules.slot_problem(start):
                self.add_error("day", ValidationError(problem, code="slot"))
            elif start in self.rules.taken_starts(day):
                # Only to say so next to the field: the place itself refuses (portal.capacity).
                self.add_error(
                    "time", ValidationError(_("This slot is full: choose another time."), code="full")
                )
            else:
                data["starts_at"] = start
                self.instance.starts_at = start
        return data


class AgencyRequestForm(forms.ModelForm):
    class Meta:
        model = AgencyRequest
        fields = ["service", "company_name", "business_scope", "credit_code", "preferred_bank", "authorises"]
        widgets = {"service": forms.RadioSelect, "business_scope": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "service": {"required": _("Choose the service you need.")},
            "company_name": {"required": _("Enter the company's name.")},
            "authorises": {"required": _("Tick the box to authorise the office to act for you.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = Service.choices
        for name in ("service", "company_name", "authorises"):
            self.fields[name].required = True
        self.fields["credit_code"].widget.attrs.update(
            {"autocapitalize": "characters", "spellcheck": "false"}
        )

    def clean_credit_code(self):
        return (self.cleaned_data.get("credit_code") or "").strip().upper()

    def clean(self):
        data = super().clean()
        service = data.get("service")
        if service == Service.COMPANY_REGISTRATION and not data.get("business_scope"):
            self.add_error("business_scope", _("Say what the company does: the registration needs it."))
        if (
            service == Service.BANK_ACCOUNT
            and not data.get("credit_code")
            and "credit_code" not in self.errors
        ):
            self.add_error(
                "credit_code", _("Enter the company's unified social credit code: the bank needs it.")
            )
        return data


class StepActionForm(ActionForm):
    """The date and note staff give when moving requests to their next step (admin's action bar)."""

    at = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("Note to the applicant"), required=False, max_length=300)
