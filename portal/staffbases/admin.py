from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import StaffBase


@admin.register(StaffBase)
class StaffBaseAdmin(admin.ModelAdmin):
    list_display = ("user", "incubator", "created_at")
    list_filter = ("incubator",)
    list_select_related = ("user", "incubator")
    search_fields = ("user__email", "user__first_name", "user__last_name")
    search_help_text = _("The staff member's email or name.")
    fields = ("user", "incubator")
