from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import SubsidyScheme


class CalculatorForm(forms.Form):
    degree = forms.ChoiceField(label=_("Highest education"))
    months = forms.IntegerField(label=_("Months of internship"), min_value=1)

    def __init__(self, *args, scheme: SubsidyScheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        self.fields["degree"].choices = [("", _("Choose…"))] + [(t.degree, t.name) for t in scheme.tiers.all()]
        self.fields["months"].widget.attrs.update({"max": scheme.max_months, "inputmode": "numeric"})
        self.fields["months"].help_text = _("From 1 to %(max)s months.") % {"max": scheme.max_months}
        self.fields["degree"].error_messages["invalid_choice"] = _("Choose a degree from the list.")
        self.fields["months"].error_messages.update(
            {
                "min_value": _("Enter a number of months from 1 to %(max)s.") % {"max": scheme.max_months},
                "invalid": _("Enter a whole number of months."),
            }
        )

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                self.quote = self.scheme.calculate(data["degree"], data["months"])
            except ValidationError as error:
                self.add_error("months" if error.code == "months_range" else "degree", error)
        return data
