from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.admin.base import ApplicationAdminBase, CatalogueAdmin, slug_column

from .models import TransitDeskApplication, TransitStation


@admin.register(TransitStation)
class TransitStationAdmin(CatalogueAdmin):
    list_display = ("name", slug_column, "incubator", "desks", "months", "reminder_days", "is_open")
    list_select_related = ("incubator",)
    fieldsets = (
        (None, {"fields": ("incubator", "slug", "name", "description", "is_open")}),
        (
            _("Desks (the number and the reminder are the office's rules; the half year is the document's)"),
            {"fields": ("desks", "months", "reminder_days")},
        ),
    )


@admin.register(TransitDeskApplication)
class TransitDeskApplicationAdmin(ApplicationAdminBase):
    # The desk's days decide the places held: they change only by withdrawing and applying again.
    scheme_fields = ("station", "team", "first_office", "start_date", "ends_on", "reminder_sent_at")
    scheme_readonly_fields = ("station", "team", "first_office", "start_date", "ends_on", "reminder_sent_at")
    list_display = (*ApplicationAdminBase.list_display, "team", "start_date", "ends_on")
    list_select_related = (*ApplicationAdminBase.list_select_related, "team")
    search_fields = (*ApplicationAdminBase.search_fields, "team__name")
