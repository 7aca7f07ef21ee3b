"""Shared admin bases: every catalogue admin edits its content in all three languages."""

from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline


class CatalogueAdmin(TranslationAdmin):
    """Catalogue rows: searchable by name in any language, ordered as the site shows them."""

    save_on_top = True
    list_per_page = 50


class CatalogueTabularInline(TranslationTabularInline):
    extra = 0


class CatalogueStackedInline(TranslationStackedInline):
    extra = 0
