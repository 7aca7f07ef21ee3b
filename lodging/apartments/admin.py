from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.admin.base import ApplicationAdminBase, CatalogueAdmin

from .models import ApartmentApplication, Unit


@admin.register(Unit)
class UnitAdmin(CatalogueAdmin):
    list_display = ("name", "market_rent", "is_active", "order")
    list_editable = ("order",)
    list_filter = ("is_active",)
    search_fields = ("name_zh_hant", "name_en", "name_zh_hans", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(ApartmentApplication)
class ApartmentApplicationAdmin(ApplicationAdminBase):
    # What the tenancy is and what it costs decide the unit's nights and the rent, so staff do not
    # edit them: the applicant changes them when asked for more information, and resubmits.
    scheme_fields = (
        "unit",
        "kind",
        ("starts_on", "ends_on", "months"),
        ("market_rent", "monthly_rent", "total_rent"),
    )
    scheme_readonly_fields = (
        "unit",
        "kind",
        "starts_on",
        "ends_on",
        "months",
        "market_rent",
        "monthly_rent",
        "total_rent",
    )
    list_filter = (*ApplicationAdminBase.list_filter, "kind", "unit")
    list_select_related = (*ApplicationAdminBase.list_select_related, "unit")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit")

    @admin.display(description=_("last night"))
    def ends_on(self, application):
        return application.ends_on

    @admin.display(description=_("total rent (RMB)"))
    def total_rent(self, application):
        return application.total_rent
