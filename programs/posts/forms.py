from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PostApplication


class PostApplicationForm(forms.ModelForm):
    """The student's own words; the CV is the documents step, the rest comes from the profile."""

    class Meta:
        model = PostApplication
        fields = ["cover_letter"]
        widgets = {"cover_letter": forms.Textarea(attrs={"rows": 8})}
        error_messages = {"cover_letter": {"required": _("Write your cover letter.")}}


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])
