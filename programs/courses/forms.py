from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CourseEnrolment


class EnrolmentDetailsForm(forms.ModelForm):
    """The one thing an enrolment asks besides the profile, and it is optional."""

    class Meta:
        model = CourseEnrolment
        fields = ["hopes"]
        labels = {"hopes": _("What you hope to learn")}
        widgets = {"hopes": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}


class CategoryFilterForm(forms.Form):
    """The list's filter: a GET form, so it works without JavaScript and its result can be linked."""

    category = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [(c.key, c.name) for c in categories]

    @property
    def chosen(self) -> str:
        return self.cleaned_data.get("category", "") if self.is_valid() else ""


class CancelSessionsForm(forms.Form):
    """Staff's note to the applicants whose enrolments a cancelled session ends."""

    note = forms.CharField(
        label=_("Note to the applicants"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Each applicant enrolled on these sessions gets it by email."),
    )
