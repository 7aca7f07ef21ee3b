import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import MakerLabBooking, MakerMembership


class MembershipForm(forms.ModelForm):
    class Meta:
        model = MakerMembership
        fields = ["making", "experience"]
        widgets = {
            "making": forms.Textarea(attrs={"rows": 4}),
            "experience": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "making": _("Your idea and the prototype you want to build, in a few sentences."),
            "experience": _("Tools, machines or electronics you have used before; none is fine too."),
        }
        error_messages = {
            "making": {"required": _("Say what you want to make.")},
            "experience": {"required": _("Say what experience you have, or that you have none yet.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True


class MakerLabBookingForm(forms.ModelForm):
    """The slot (a day and one of the lab's start times) and what the member will work on."""

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
        model = MakerLabBooking
        # starts_at is made from `day` and `time` in clean().
        fields = ["starts_at", "purpose"]
        widgets = {"purpose": forms.TextInput()}
        help_texts = {"purpose": _("In a few words, for example: milling a bracket for a drone.")}
        error_messages = {"purpose": {"required": _("Say in a few words what you will work on.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["starts_at"]
        self.fields["purpose"].required = True
        lab = self.instance.lab
        times = lab.slot_times() if lab else []
        self.fields["time"].choices = [("", _("Choose…"))] + [(t.strftime("%H:%M"),) * 2 for t in times]
        if lab:
            self.fields["time"].help_text = _("Each slot is %(minutes)s minutes.") % {
                "minutes": lab.slot_minutes
            }
            today = timezone.localdate()
            self.fields["day"].widget.attrs.update(
                {
                    "min": today.isoformat(),
                    "max": (today + datetime.timedelta(days=lab.book_days_ahead)).isoformat(),
                }
            )
        if self.instance.starts_at:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("day", local.date())
            self.initial.setdefault("time", local.strftime("%H:%M"))
        self.order_fields(["day", "time", "purpose"])

    def clean(self):
        data = super().clean()
        day, time, lab = data.get("day"), data.get("time"), self.instance.lab
        if day and time and lab:
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.fromisoformat(time)))
            if problem := lab.slot_problem(start):
                self.add_error("day", ValidationError(problem, code="slot"))
            else:
                data["starts_at"] = start
                self.instance.starts_at = start
        return data
