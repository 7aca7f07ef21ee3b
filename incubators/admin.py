from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.admin.base import CatalogueAdmin, CatalogueStackedInline, CatalogueTabularInline, slug_column

from .models import Equipment, Facility, FieldOfWork, Incubator, Photo, Service, StatisticsSnapshot


@admin.display(description=_("base"), ordering="incubator")
def base_column(obj):
    return obj.incubator


class ServiceInline(CatalogueTabularInline):
    model = Service


class PhotoInline(CatalogueTabularInline):
    model = Photo
    readonly_fields = ("width", "height")


class SnapshotInline(CatalogueStackedInline):
    model = StatisticsSnapshot
    show_change_link = True


@admin.register(Incubator)
class IncubatorAdmin(CatalogueAdmin):
    list_display = ("name", "area_m2", "opened_on", "is_published", "order")
    list_filter = ("is_published",)
    search_fields = ("name_zh_hant", "name_en", "name_zh_hans", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    filter_horizontal = ("fields_of_work",)
    inlines = [ServiceInline, PhotoInline, SnapshotInline]


class EquipmentInline(CatalogueTabularInline):
    model = Equipment


@admin.register(Facility)
class FacilityAdmin(CatalogueAdmin):
    list_display = ("name", base_column, "is_free", "since")
    list_filter = ("incubator", "is_free")
    list_select_related = ("incubator",)
    search_fields = ("name_zh_hant", "name_en", "name_zh_hans")
    inlines = [EquipmentInline]


@admin.register(StatisticsSnapshot)
class StatisticsSnapshotAdmin(CatalogueAdmin):
    list_display = (base_column, "as_of", "teams_incubated", "teams_approved", "members_now", "financing_rmb")
    list_filter = ("incubator",)
    list_select_related = ("incubator",)
    date_hierarchy = "as_of"


@admin.register(FieldOfWork)
class FieldOfWorkAdmin(CatalogueAdmin):
    list_display = ("name", slug_column)
    search_fields = ("name_zh_hant", "name_en", "name_zh_hans", "slug")
