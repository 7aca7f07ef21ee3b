from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.admin.base import ApplicationAdminBase, CatalogueAdmin, slug_column

from .models import MakerLab, MakerLabBooking, MakerLabRules, MakerMembership


@admin.register(MakerLab)
class MakerLabAdmin(CatalogueAdmin):
    list_display = ("name", slug_column, "opens_at", "closes_at", "slot_minutes", "benches", "is_active")
    list_filter = ("is_active",)
    list_select_related = ("incubator",)
    prepopulated_fields = {"slug": ("name_en",)}
    fieldsets = (
        (None, {"fields": ("incubator", "slug", "name", "description", "order", "is_active")}),
        (
            _("Booking hours (the office's rules: the document gives none)"),
            {
                "fields": (
                    "opens_at",
                    "closes_at",
                    "slot_minutes",
                    "open_weekdays",
                    "book_days_ahead",
                    "benches",
                )
            },
        ),
    )


@admin.register(MakerLabRules)
class MakerLabRulesAdmin(admin.ModelAdmin):
    """One row: how long a membership lasts (the office's rule)."""

    list_display = ("__str__", "membership_valid_days")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not MakerLabRules.objects.exists()


@admin.register(MakerMembership)
class MakerMembershipAdmin(ApplicationAdminBase):
    scheme_fields = ("making", "experience", "member_code")
    scheme_readonly_fields = ("member_code",)
    list_display = (*ApplicationAdminBase.list_display, "member_code")
    search_fields = (*ApplicationAdminBase.search_fields, "member_code")


@admin.register(MakerLabBooking)
class MakerLabBookingAdmin(ApplicationAdminBase):
    # What was booked decides the place held: it changes only by cancelling and booking again.
    scheme_fields = ("lab", "starts_at", "purpose", "membership")
    scheme_readonly_fields = ("lab", "starts_at", "membership")
    list_display = (*ApplicationAdminBase.list_display, "lab", "starts_at")
    list_filter = (*ApplicationAdminBase.list_filter, "lab")
    list_select_related = (*ApplicationAdminBase.list_select_related, "lab")
