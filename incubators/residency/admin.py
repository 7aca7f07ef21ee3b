from django.contrib import admin

from portal.admin.base import ApplicationAdminBase

from .models import Residency, ResidencyApplication


@admin.register(ResidencyApplication)
class ResidencyApplicationAdmin(ApplicationAdminBase):
    # Staff may agree another move-in date with the team before approving: it becomes the residency's.
    scheme_fields = ("incubator", "team", "services", "move_in_on", "plan")
    scheme_readonly_fields = ("incubator", "team", "services", "plan")
    list_filter = (*ApplicationAdminBase.list_filter, "incubator")
    list_select_related = (*ApplicationAdminBase.list_select_related, "incubator", "team")


@admin.register(Residency)
class ResidencyAdmin(admin.ModelAdmin):
    list_display = ("team", "incubator", "moved_in_on", "ended_on")
    list_filter = ("incubator", ("ended_on", admin.EmptyFieldListFilter))
    list_select_related = ("team", "incubator")
    search_fields = ("team__name",)
    raw_id_fields = ("team", "application")
    readonly_fields = ("application",)
    show_facets = admin.ShowFacets.NEVER
