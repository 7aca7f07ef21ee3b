"""The test schemes' admin: what a scheme with places writes, the shared bases do the rest."""

from django.contrib import admin

from portal.admin.base import ApplicationAdminBase

from .models import Room, RoomLease, RoomStay, Workshop, WorkshopSeat


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ("name", "starts_at", "seats", "waiting_list")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ("name", "rooms")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(WorkshopSeat)
class WorkshopSeatAdmin(ApplicationAdminBase):
    scheme_fields = ("workshop", "needs")
    scheme_readonly_fields = ("workshop",)
    list_select_related = (*ApplicationAdminBase.list_select_related, "workshop")


@admin.register(RoomStay)
class RoomStayAdmin(ApplicationAdminBase):
    scheme_fields = ("room", ("arrive", "leave"))
    scheme_readonly_fields = ("room", "arrive", "leave")


@admin.register(RoomLease)
class RoomLeaseAdmin(ApplicationAdminBase):
    scheme_fields = ("room", ("arrive", "leave"))
    scheme_readonly_fields = ("room", "arrive", "leave")
