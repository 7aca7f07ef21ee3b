from django.contrib import admin

from portal.admin.base import CatalogueAdmin

from .models import LodgingScheme


@admin.register(LodgingScheme)
class LodgingSchemeAdmin(CatalogueAdmin):
    list_display = (
        "name",
        "free_months",
        "long_lease_rent_percent",
        "max_free_nights",
        "capacity",
        "is_published",
    )
    list_filter = ("is_published", "requires_hetao_work")
    search_fields = ("name_zh_hant", "name_en", "name_zh_hans", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
