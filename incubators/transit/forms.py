from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubators.teams.models import Team

from .models import TransitDeskApplication, first_office_refusal

YES_NO = [("yes", _("Yes, this is our first office in the mainland")), ("no", _("No, we already have one"))]


class TransitDeskForm(forms.ModelForm):
    """The team (one the applicant leads), whether it is their first mainland office, and when to start."""

    first_office = forms.TypedChoiceField(
        label=_("Is this your team's first office in the mainland?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        empty_value=None,
        widget=forms.RadioSelect,
        help_text=_("The station is for Hong Kong teams newly arrived in the mainland."),
        error_messages={
            "required": _("Say whether this is your team's first office in the mainland."),
            "invalid_choice": _("Choose yes or no."),
        },
    )

    class Meta:
        model = TransitDeskApplication
        fields = ["team", "first_office", "start_date"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "team": {
                "required": _("Choose your team."),
                "invalid_choice": _("Choose one of the teams you lead."),
            },
            "start_date": {
                "required": _("Enter the day you would like to start."),
                "invalid": _("Enter the day as on a calendar, for example 2026-12-03."),
            },
        }
        help_texts = {"start_date": _("The desk is yours from this day for the station's months.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True
        # Only the teams the applicant leads: a member cannot apply for their team.
        self.fields["team"].queryset = Team.objects.led_by(self.instance.applicant)
        self.fields["team"].empty_label = _("Choose…")
        self.fields["team"].help_text = _("A team you lead. Add or edit your teams under Teams.")
        self.fields["start_date"].widget.attrs["min"] = timezone.localdate().isoformat()
        if self.instance.first_office is not None and not self.is_bound:
            self.initial["first_office"] = "yes" if self.instance.first_office else "no"
        self.order_fields(["team", "first_office", "start_date"])

    def clean_first_office(self):
        value = self.cleaned_data.get("first_office")
        if value is False:
            raise ValidationError(first_office_refusal(), code="not_first_office")
        return value

    def clean_start_date(self):
        day = self.cleaned_data.get("start_date")
        if day and day < timezone.localdate():
            raise ValidationError(_("Choose today or a later day."), code="past")
        return day
