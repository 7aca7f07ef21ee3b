from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Team, TeamMember


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = [
            "name",
            "field",
            "field_other",
            "stage",
            "description",
            "ip_items",
            "financing_rmb",
            "output_level",
        ]
        labels = {"field": _("Field (from the document's list)")}
        help_texts = {
            "field_other": _("Only if your field is not on the list."),
            "ip_items": _("Patents, software copyrights, trademarks and the like."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("field") and not cleaned.get("field_other", "").strip():
            self.add_error("field", _("Choose your field from the list, or name another."))
        return cleaned


class MemberForm(forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["name", "email", "role", "from_hk_macau", "university", "is_founder"]
        help_texts = {"email": _("We email them a link to confirm that they are in the team.")}

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.team = team

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.instance.team.members.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Someone with this email is already in the team."), code="taken")
        return email
