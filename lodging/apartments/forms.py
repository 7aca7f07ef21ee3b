from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lodging.models import LodgingScheme

from .models import ApartmentApplication


class StayDetailsForm(forms.ModelForm):
    """The stay asked for. The rent is never a field: the portal computes it from the unit and the scheme."""

    class Meta:
        model = ApartmentApplication
        fields = ["kind", "starts_on", "months"]
        widgets = {
            "kind": forms.RadioSelect,
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "months": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
        }
        labels = {
            "kind": _("Kind of stay"),
            "starts_on": _("Moving-in date"),
            "months": _("Months of the long lease"),
        }
        error_messages = {
            "kind": {
                "required": _("Choose a short stay or a long lease."),
                "invalid_choice": _("Choose a short stay or a long lease."),
            },
            "starts_on": {
                "required": _("Enter the date you want to move in."),
                "invalid": _("Enter a date like 2027-07-01."),
            },
            "months": {"invalid": _("Enter a whole number of months.")},
        }

    def __init__(self, *args, scheme: LodgingScheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        longest = scheme.max_lease_months or 0
        kind = self.fields["kind"]
        kind.required = True
        # A model field with blank=True offers an empty choice; the radios do not.
        kind.choices = ApartmentApplication.Kind.choices
        self.fields["starts_on"].required = True
        self.fields["starts_on"].help_text = _("For example 2027-07-01. It cannot be in the past.")
        months = self.fields["months"]
        months.required = False
        months.widget.attrs["max"] = longest
        months.help_text = _("For a long lease only: from 1 to %(max)s months.") % {"max": longest}
        months.error_messages["min_value"] = months.error_messages["max_value"] = self.months_message()

    def months_message(self):
        return _("Enter a number of months from 1 to %(max)s.") % {"max": self.scheme.max_lease_months or 0}

    def clean_starts_on(self):
        day = self.cleaned_data.get("starts_on")
        if day is not None and day < timezone.localdate():
            raise ValidationError(_("The moving-in date cannot be in the past."), code="past")
        return day

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        start = data.get("starts_on")
        if start is not None and start.year > 9000:
            # Beyond the calendar's end a tenancy could not even be counted: a mistyped year.
            self.add_error("starts_on", ValidationError(_("Enter a real moving-in date."), code="far"))
        if kind == ApartmentApplication.Kind.SHORT_STAY:
            # A short stay is as long as the scheme's free period, whatever was typed.
            data["months"] = self.scheme.free_months
            if "months" in self.errors:
                del self.errors["months"]
        elif kind == ApartmentApplication.Kind.LONG_LEASE and "months" not in self.errors:
            months = data.get("months")
            if months is None:
                if self.fields["kind"].required:  # not while saving a draft "for later"
                    self.add_error("months", ValidationError(self.months_message(), code="required"))
            elif not 1 <= months <= (self.scheme.max_lease_months or 0):
                self.add_error("months", ValidationError(self.months_message(), code="months_range"))
        return data
