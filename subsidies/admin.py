from django.contrib import admin

from portal.admin_base import CatalogueAdmin, CatalogueTabularInline

from .models import SubsidyScheme, SubsidyTier


class SubsidyTierInline(CatalogueTabularInline):
    model = SubsidyTier


@admin.register(SubsidyScheme)
class SubsidySchemeAdmin(CatalogueAdmin):
    list_display = ("name", "max_months")
    inlines = [SubsidyTierInline]
