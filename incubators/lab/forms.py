import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.capacity.models import Place

from .models import LabBooking, ResearchTeam


class ResearchTeamForm(forms.ModelForm):
    class Meta:
        model = ResearchTeam
        fields = ["team_name", "institution", "research_field", "members"]
        help_texts = {"research_field": _("For example materials science or biomedical engineering.")}
        error_messages = {
            "team_name": {"required": _("Enter your team's name.")},
            "institution": {"required": _("Enter the university or research body your team belongs to.")},
            "research_field": {"required": _("Enter your team's field of research.")},
            "members": {
                "required": _("Enter how many people are in your team."),
                "invalid": _("Enter the number of members in digits, for example 4."),
                "min_value": _("A team has at least 1 member."),
                "max_value": _("Enter at most 500 members."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True
        self.fields["members"].widget.attrs.update({"inputmode": "numeric", "min": 1})


def parse_slot(value: str) -> datetime.datetime | None:
    """A slot's start from `?start=2026-12-03T10:00` (local time), or None when it is not one."""
    try:
        start = datetime.datetime.fromisoformat((value or "")[:16])
    except ValueError:
        return None
    if start.tzinfo is not None:
        return None
    return timezone.make_aware(start.replace(second=0, microsecond=0))


class LabBookingForm(forms.ModelForm):
    """The slot (a day and one of the equipment's start times) and what the team will use it for."""

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
        model = LabBooking
        # starts_at is made from `day` and `time` in clean(); it is not a field of its own on the page.
        fields = ["starts_at", "purpose"]
        widgets = {"purpose": forms.TextInput()}
        help_texts = {"purpose": _("In a few words, for example: preparing samples for a coating test.")}
        error_messages = {"purpose": {"required": _("Say in a few words what you will use it for.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["starts_at"]
        self.fields["purpose"].required = True
        equipment = self.instance.equipment
        times = equipment.slot_times() if equipment else []
        self.fields["time"].choices = [("", _("Choose…"))] + [(t.strftime("%H:%M"),) * 2 for t in times]
        if equipment:
            end = None
            if times:
                end = equipment.slot_end(datetime.datetime.combine(datetime.date.today(), times[-1]))
            self.fields["time"].help_text = _(
                "Each slot is %(minutes)s minutes; the last one ends at %(end)s."
            ) % {"minutes": equipment.slot_minutes, "end": end.strftime("%H:%M") if end else "–"}
            today = timezone.localdate()
            self.fields["day"].widget.attrs.update(
                {"min": today.isoformat(), "max": equipment.last_bookable_day(today).isoformat()}
            )
        if self.instance.starts_at:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("day", local.date())
            self.initial.setdefault("time", local.strftime("%H:%M"))
        # The page shows the day, then the time, then the purpose.
        self.order_fields(["day", "time", "purpose"])

    def clean(self):
        data = super().clean()
        day, time, equipment = data.get("day"), data.get("time"), self.instance.equipment
        if day and time and equipment:
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.fromisoformat(time)))
            if problem := equipment.slot_problem(start):
                self.add_error(problem[0], ValidationError(problem[1], code="slot"))
            elif self._taken(equipment, start):
                self.add_error(
                    "time",
                    ValidationError(_("This slot is already taken: choose another slot."), code="taken"),
                )
            else:
                data["starts_at"] = start
                self.instance.starts_at = start
        return data

    @staticmethod
    def _taken(equipment, start) -> bool:
        # Only to say so next to the field: the place itself refuses a second booking (portal.capacity).
        place = Place.objects.for_target(equipment).filter(starts_at=start).first()
        return place is not None and place.size is not None and place.held >= place.size
