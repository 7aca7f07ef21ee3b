import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from incubators.models import Incubator

from .models import SubsidyApplication, SubsidyScheme, months_between


class CalculatorForm(forms.Form):
    degree = forms.ChoiceField(label=_("Highest education"))
    months = forms.IntegerField(label=_("Months of internship"), min_value=1)

    def __init__(self, *args, scheme: SubsidyScheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        self.fields["degree"].choices = [("", _("Choose…"))] + [
            (t.degree, t.name) for t in scheme.tiers.all()
        ]
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


DATE_INVALID = _("Enter a date like 2026-07-01.")


class ApplicationDetailsForm(forms.ModelForm):
    """The internship the subsidy is asked for. The amount is never a field: it comes from the profile."""

    class Meta:
        model = SubsidyApplication
        fields = [
            "host_base",
            "host_organisation",
            "position",
            "start_date",
            "end_date",
            "bank_account_name",
            "bank_name",
            "bank_account_number",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {
            "host_base": _("Base where you intern"),
            "host_organisation": _("Host organisation"),
            "position": _("Your position"),
            "start_date": _("Start date"),
            "end_date": _("End date"),
            "bank_account_name": _("Name on the bank account"),
            "bank_name": _("Bank"),
            "bank_account_number": _("Account number"),
        }
        help_texts = {
            "host_organisation": _("The company or organisation at the base that hosts your internship."),
            "start_date": _("For example 2026-07-01."),
            "end_date": _("The last day of your internship."),
            "bank_account_name": _("The subsidy is paid into an account in your own name."),
            "bank_name": _("For example Bank of China (Hong Kong)."),
            "bank_account_number": _("Digits only; spaces and dashes are fine."),
        }
        error_messages = {
            "host_base": {"required": _("Choose the base where you intern.")},
            "host_organisation": {"required": _("Enter the name of the host organisation.")},
            "position": {"required": _("Enter your position.")},
            "start_date": {"required": _("Enter the start date."), "invalid": DATE_INVALID},
            "end_date": {"required": _("Enter the end date."), "invalid": DATE_INVALID},
            "bank_account_name": {"required": _("Enter the name on the bank account.")},
            "bank_name": {"required": _("Enter the name of the bank.")},
            "bank_account_number": {"required": _("Enter the account number.")},
        }

    def __init__(self, *args, scheme: SubsidyScheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        base = self.fields["host_base"]
        base.queryset = Incubator.objects.published()
        base.empty_label = _("Choose…")
        base.error_messages["invalid_choice"] = _("Choose a base from the list.")
        # Optional on the model (a draft may lack them) but needed before submitting.
        for name in ("bank_account_name", "bank_name", "bank_account_number"):
            self.fields[name].required = True
        self.fields["bank_account_number"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off"}
        )
        self.fields["end_date"].help_text = _(
            "The last day of your internship. The subsidy pays at most %(max)s months."
        ) % {"max": scheme.max_months}

    def clean_bank_account_number(self):
        number = re.sub(r"[\s-]", "", self.cleaned_data["bank_account_number"])
        if not re.fullmatch(r"[0-9]{6,30}", number):
            raise ValidationError(
                _("Enter the account number in digits (6 to 30), as on your bank card or statement."),
                code="bank_account_number",
            )
        return number

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end:
            if end < start:
                self.add_error(
                    "end_date",
                    ValidationError(_("The end date must be on or after the start date."), code="dates"),
                )
            elif months_between(start, end) > self.scheme.max_months:
                self.add_error(
                    "end_date",
                    ValidationError(
                        _(
                            "The subsidy pays at most %(max)s months; this internship covers %(months)s. "
                            "Enter an earlier end date."
                        ),
                        code="months_range",
                        params={"max": self.scheme.max_months, "months": months_between(start, end)},
                    ),
                )
        return data
