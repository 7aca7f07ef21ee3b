from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.admin.base import CatalogueAdmin, CatalogueTabularInline, slug_column

from .models import Activity, Audience, CourseCategory, Feature, Figure, Office, Programme


class FeatureInline(CatalogueTabularInline):
    model = Feature


class FigureInline(CatalogueTabularInline):
    model = Figure


class CourseCategoryInline(CatalogueTabularInline):
    model = CourseCategory


class ActivityInline(CatalogueTabularInline):
    model = Activity


@admin.register(Programme)
class ProgrammeAdmin(CatalogueAdmin):
    list_display = (
        "name",
        "category",
        "group",
        "accepts_applications",
        "opens_on",
        "closes_on",
        "is_published",
    )
    list_filter = ("category", "group", "is_published", "accepts_applications")
    search_fields = ("name_zh_hant", "name_en", "name_zh_hans", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    filter_horizontal = ("audiences",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "slug",
                    "name",
                    "category",
                    "group",
                    "summary",
                    "description",
                    "partner",
                    "audiences",
                    "is_free",
                    "order",
                    "is_published",
                )
            },
        ),
        (
            _("Rules set by staff"),
            {"fields": ("accepts_applications", "opens_on", "closes_on", "min_age", "max_age", "capacity")},
        ),
    )
    inlines = [FeatureInline, FigureInline, CourseCategoryInline, ActivityInline]


@admin.register(Office)
class OfficeAdmin(CatalogueAdmin):
    """One row: what pages show under "contact the office", and the age range the office sets."""

    list_display = ("__str__", "phone", "email", "youngest_age", "oldest_age")
    fieldsets = (
        (_("How applicants reach the office"), {"fields": ("name", "address", "hours", "phone", "email")}),
        (_("Rules set by the office"), {"fields": ("youngest_age", "oldest_age")}),
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Office.objects.exists()


@admin.register(Audience)
class AudienceAdmin(CatalogueAdmin):
    list_display = ("name", slug_column, "order")
