from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.admin_base import CatalogueAdmin, CatalogueTabularInline

from .models import Activity, Audience, CourseCategory, Feature, Figure, Programme


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


@admin.register(Audience)
class AudienceAdmin(CatalogueAdmin):
    list_display = ("name", "slug", "order")
