import copy

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from lodging.models import LodgingScheme

from .models import YOUTH, HetaoWorkProof, Purpose, RoomType, YouthStationStay


class ProofDetailsForm(forms.ModelForm):
    class Meta:
        model = HetaoWorkProof
        fields = ["employer", "work_address"]
        labels = {"employer": _("Your employer"), "work_address": _("Where you work in the Hetao zone")}
        help_texts = {
            "employer": _("The company or organisation's name, as on your contract."),
            "work_address": _("The building and street of your workplace in the Hetao zone."),
        }
        error_messages = {
            "employer": {"required": _("Enter your employer's name.")},
            "work_address": {"required": _("Enter the address where you work.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            # Optional on the model (a draft may lack them) but needed before submitting.
            self.fields[name].required = True


DATE_INVALID = _("Enter a date like 2026-07-01.")


class YouthStayForm(forms.ModelForm):
    """The stay's dates and purpose; the room type was chosen on the station's page."""

    class Meta:
        model = YouthStationStay
        fields = ["arrival", "nights", "purpose"]
        widgets = {
            "arrival": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "purpose": forms.RadioSelect,
        }
        labels = {
            "arrival": _("Arrival date"),
            "nights": _("Number of nights"),
            "purpose": _("Purpose of your visit"),
        }
        help_texts = {"arrival": _("The first night of your stay, for example 2026-07-01.")}
        error_messages = {
            "arrival": {"required": _("Enter your arrival date."), "invalid": DATE_INVALID},
            "nights": {"required": _("Enter the number of nights."), "invalid": _("Enter a whole number.")},
            "purpose": {
                "required": _("Choose the purpose of your visit."),
                "invalid_choice": _("Choose a purpose from the list."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        most = LodgingScheme.objects.get(slug=YOUTH).max_free_nights or 1
        for name in self.Meta.fields:
            self.fields[name].required = True
        purpose = self.fields["purpose"]
        purpose.choices = Purpose.choices
        nights = self.fields["nights"]
        # The model's rules give the messages (at least one night, at most the document's number).
        nights.validators = [v for v in nights.validators if not isinstance(v, MinValueValidator)]
        nights.widget.attrs.update({"min": 1, "max": most, "inputmode": "numeric"})
        nights.help_text = _("From 1 to %(max)s nights, free of charge.") % {"max": most}

    def clean(self):
        data = super().clean()
        if {"arrival", "nights"} <= data.keys():
            stay = copy.copy(self.instance)
            stay.arrival, stay.nights = data["arrival"], data["nights"]
            for name, message in stay.refusals().items():
                self.add_error(name, message)
        return data


class TonightForm(forms.Form):
    """Which room type tonight: chosen for the applicant when the station has only one."""

    room_type = forms.ModelChoiceField(
        queryset=RoomType.objects.none(),
        label=_("Hotel"),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose a hotel."),
            "invalid_choice": _("Choose a hotel from the list."),
        },
    )

    def __init__(self, *args, room_types, **kwargs):
        """`room_types`: the list the page shows, read once (the choices validate against the same rows)."""
        super().__init__(*args, **kwargs)
        self.fields["room_type"].queryset = RoomType.objects.filter(pk__in=[room.pk for room in room_types])
        if len(room_types) == 1:
            self.fields["room_type"].widget = forms.HiddenInput()
            self.fields["room_type"].initial = room_types[0].pk
