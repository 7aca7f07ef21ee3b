from django import forms
from django.utils.translation import gettext_lazy as _

from incubators.teams.models import Team

from .models import CohortApplication


class CohortApplicationForm(forms.ModelForm):
    """The team and its pitch. Only teams the applicant leads can be chosen."""

    class Meta:
        model = CohortApplication
        fields = ["team", "pitch", "coaching_goals", "may_be_named"]
        labels = {
            "team": _("Your team"),
            "pitch": _("Your idea"),
            "coaching_goals": _("What you want from the coaching"),
            "may_be_named": _("If we are awarded, our team's name may be published on the results page"),
        }
        help_texts = {
            "team": _("Only teams you lead are listed."),
            "pitch": _("What your team builds, for whom, and how far it has come."),
            "coaching_goals": _("What you hope to reach in the three months of coaching."),
        }
        error_messages = {
            "team": {
                "required": _("Choose your team."),
                "invalid_choice": _("Choose one of the teams you lead."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.led_by(self.instance.applicant)
        self.fields["team"].empty_label = _("Choose…")
        for name in ("pitch", "coaching_goals"):
            self.fields[name].required = True
            self.fields[name].widget.attrs["rows"] = 5
        self.fields["pitch"].error_messages["required"] = _("Describe your idea.")
        self.fields["coaching_goals"].error_messages["required"] = _("Say what you want from the coaching.")


class ScoreForm(forms.Form):
    """One reviewer's scores of one team: a field per criterion of the cohort's rubric."""

    def __init__(self, *args, criteria, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.IntegerField(
                label=_("%(criterion)s (weight %(weight)d)")
                % {"criterion": criterion.name, "weight": criterion.weight},
                min_value=0,
                max_value=10,
                initial=(initial_scores or {}).get(criterion.pk),
                error_messages={
                    "required": _("Give a score from 0 to 10."),
                    "invalid": _("Give a whole number from 0 to 10."),
                    "min_value": _("Give a score from 0 to 10."),
                    "max_value": _("Give a score from 0 to 10."),
                },
            )

    def values(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}
