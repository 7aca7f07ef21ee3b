from django import forms
from django.contrib import admin
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from portal.admin.base import ApplicationAdminBase, CatalogueAdmin

from .models import HetaoWorkProof, OvertimeStay, RoomType, StationRules, YouthStationStay
from .services import check_rooms, set_rooms


class RoomTypeForm(forms.ModelForm):
    class Meta:
        model = RoomType
        fields = ["scheme", "slug", "hotel", "name", "address", "rooms", "order", "is_published"]

    def clean(self):
        cleaned = super().clean()
        rooms = cleaned.get("rooms")
        if self.instance.pk and rooms is not None:
            # The admin saves in one transaction: the nights checked here stay locked until
            # `set_rooms` resizes them, so the message shown is the rule applied.
            try:
                check_rooms(self.instance, rooms)
            except forms.ValidationError as error:
                self.add_error("rooms", error.messages)
        return cleaned


@admin.register(RoomType)
class RoomTypeAdmin(CatalogueAdmin):
    form = RoomTypeForm
    list_display = ("__str__", "scheme", "rooms", "order", "is_published")
    list_filter = ("scheme", "is_published")
    list_select_related = ("scheme",)
    search_fields = ("hotel_zh_hant", "hotel_en", "hotel_zh_hans", "name_en", "name_zh_hant", "slug")
    prepopulated_fields = {"slug": ("hotel_en", "name_en")}

    def save_model(self, request, obj, form, change):
        # Every future night takes the new number of rooms (portal.capacity.services.resize).
        set_rooms(obj)


@admin.register(StationRules)
class StationRulesAdmin(admin.ModelAdmin):
    list_display = ("scheme", "proof_valid_days", "stays_per_year", "book_ahead_days", "cancel_until")
    list_select_related = ("scheme",)

    def has_delete_permission(self, request, obj=None):
        return False


def _date(value):
    return formats.date_format(value, "DATE_FORMAT") if value else "—"


@admin.register(HetaoWorkProof)
class HetaoWorkProofAdmin(ApplicationAdminBase):
    scheme_fields = ("employer", "work_address", "valid_until_display")
    scheme_readonly_fields = ("valid_until_display",)
    list_display = (*ApplicationAdminBase.list_display, "valid_until_display")

    @admin.display(description=_("valid until"))
    def valid_until_display(self, proof):
        until = proof.valid_until() if proof.status == "approved" else None
        if until is None:
            return "—"
        return formats.date_format(timezone.localtime(until), "DATE_FORMAT")


@admin.register(OvertimeStay)
class OvertimeStayAdmin(ApplicationAdminBase):
    scheme_fields = ("room_type", "night")
    scheme_readonly_fields = ("room_type", "night")
    list_display = (*ApplicationAdminBase.list_display, "night")
    list_filter = (*ApplicationAdminBase.list_filter, ("night", admin.DateFieldListFilter), "room_type")
    list_select_related = (*ApplicationAdminBase.list_select_related, "room_type")


@admin.register(YouthStationStay)
class YouthStationStayAdmin(ApplicationAdminBase):
    scheme_fields = ("room_type", ("arrival", "nights"), "purpose")
    # The dates and room are what the places were held for: they change only by a new booking.
    scheme_readonly_fields = ("room_type", "arrival", "nights")
    list_display = (*ApplicationAdminBase.list_display, "arrival", "nights", "purpose")
    list_filter = (*ApplicationAdminBase.list_filter, ("arrival", admin.DateFieldListFilter), "purpose")
    list_select_related = (*ApplicationAdminBase.list_select_related, "room_type")
