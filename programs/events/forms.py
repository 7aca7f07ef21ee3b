from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CODE_LENGTH, EventRegistration, normalise_code


class RegistrationForm(forms.ModelForm):
    """One seat per person: the only detail is an optional note for the office."""

    class Meta:
        model = EventRegistration
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class TicketCodeForm(forms.Form):
    """The code typed at the door, when the camera cannot be used."""

    code = forms.CharField(
        label=_("Ticket code"),
        max_length=40,
        help_text=_("8 letters and digits, as on the ticket. Spaces and dashes do not matter."),
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
                "enterkeyhint": "go",
                "class": "ticket-code-input",
            }
        ),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                _("A ticket code has %(length)d letters and digits.") % {"length": CODE_LENGTH}
            )
        return code
