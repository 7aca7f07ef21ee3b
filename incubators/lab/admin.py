from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.admin.base import ApplicationAdminBase, CatalogueAdmin, slug_column

from .models import WEEKDAYS, Equipment, LabBooking, LabRules, ResearchTeam


class EquipmentForm(forms.ModelForm):
    # The weekdays are stored as digits ("12345"); staff tick them.
    open_weekdays = forms.TypedMultipleChoiceField(
        label=_("open on"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The days it can be booked."),
    )

    class Meta:
        model = Equipment
        fields = [
            "incubator",
            "slug",
            "name",
            "description",
            "order",
            "is_active",
            "opens_at",
            "closes_at",
            "slot_minutes",
            "open_weekdays",
            "book_days_ahead",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["open_weekdays"] = self.instance.weekdays if self.instance.pk else [1, 2, 3, 4, 5]

    def clean_open_weekdays(self):
        return "".join(str(day) for day in sorted(self.cleaned_data["open_weekdays"]))


@admin.register(Equipment)
class EquipmentAdmin(CatalogueAdmin):
    form = EquipmentForm
    list_display = ("name", slug_column, "incubator", "opens_at", "closes_at", "slot_minutes", "is_active")
    list_filter = ("is_active", "incubator")
    list_select_related = ("incubator",)
    search_fields = ("name_zh_hant", "name_en", "name_zh_hans", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    fieldsets = (
        (None, {"fields": ("incubator", "slug", "name", "description", "order", "is_active")}),
        (
            _("Booking hours (the office's rules: the document gives none)"),
            {"fields": ("opens_at", "closes_at", "slot_minutes", "open_weekdays", "book_days_ahead")},
        ),
    )


@admin.register(LabRules)
class LabRulesAdmin(admin.ModelAdmin):
    """One row: how long a team's confirmation lasts (the office's rule)."""

    list_display = ("__str__", "team_valid_days")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not LabRules.objects.exists()


@admin.register(ResearchTeam)
class ResearchTeamAdmin(ApplicationAdminBase):
    scheme_fields = ("team_name", "institution", "research_field", "members")
    search_fields = (*ApplicationAdminBase.search_fields, "team_name", "institution")


@admin.register(LabBooking)
class LabBookingAdmin(ApplicationAdminBase):
    # What was booked decides the place held: it changes only by cancelling and booking again.
    scheme_fields = ("equipment", "starts_at", "purpose", "team")
    scheme_readonly_fields = ("equipment", "starts_at", "team")
    list_display = (*ApplicationAdminBase.list_display, "equipment", "starts_at")
    list_filter = (*ApplicationAdminBase.list_filter, "equipment")
    list_select_related = (*ApplicationAdminBase.list_select_related, "equipment")
