from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incubators.teams.models import Team

from .models import ResidencyApplication


class ResidencyForm(forms.ModelForm):
    class Meta:
        model = ResidencyApplication
        fields = ["team", "services", "move_in_on", "plan"]
        widgets = {
            "services": forms.CheckboxSelectMultiple,
            "move_in_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "plan": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"team": _("One of the teams you lead. Create it first under My teams.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        application = self.instance
        # Only the applicant's own teams, and only this base's services, can be chosen.
        self.fields["team"].queryset = Team.objects.led_by(application.applicant)
        self.fields["team"].required = True
        self.fields["services"].queryset = application.incubator.services.all()
        self.fields["services"].required = True
        self.fields["move_in_on"].required = True

    def clean_move_in_on(self):
        day = self.cleaned_data.get("move_in_on")
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("Choose a date from today on."), code="past")
        return day

    def clean(self):
        cleaned = super().clean()
        # The journey saves with update_fields; the model writes the chosen services after the row.
        if "services" in cleaned:
            self.instance.__dict__["_services_chosen"] = list(cleaned["services"] or [])
        return cleaned
