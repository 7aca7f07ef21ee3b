from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Hold, Offer, Place, WaitlistEntry
from .services import locked_for_resize, resize


class PlaceForm(forms.ModelForm):
    class Meta:
        model = Place
        fields = ["target_type", "target_id", "day", "starts_at", "ends_at", "size"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "size" in cleaned:
            # The admin saves inside one transaction: locking as `resize` does (same rows, same
            # order) keeps the row as checked until `resize` writes it, so the message shown is
            # the rule applied, and the form never takes locks in an order of its own.
            place = locked_for_resize(self.instance)
            try:
                place.check_size(cleaned["size"])
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class HoldInline(ReadOnlyInline):
    model = Hold
    fields = ["application", "quantity", "created_at"]
    readonly_fields = fields
    verbose_name_plural = _("holds")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .current()
            .filter(expires_at__isnull=True)
            .select_related("application")
        )


class OfferInline(ReadOnlyInline):
    model = Offer
    fields = ["application", "quantity", "created_at", "expires_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("application")


class WaitlistInline(ReadOnlyInline):
    model = WaitlistEntry
    fields = ["application", "quantity", "created_at"]
    readonly_fields = fields
    verbose_name_plural = _("waiting list")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(status=WaitlistEntry.Status.WAITING)
            .select_related("application")
        )


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    form = PlaceForm
    list_display = ["__str__", "size", "held", "offered", "waiting", "available"]
    list_filter = ["target_type", "day"]
    inlines = [HoldInline, OfferInline, WaitlistInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_availability()
            .select_related("target_type")
            .prefetch_related("target")
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # What a place is for is fixed once people hold it; only the size changes, through `resize`.
        return [
            "target_type",
            "target_id",
            "day",
            "starts_at",
            "ends_at",
            "held",
            "offered",
            "waiting",
            "available",
        ]

    @admin.display(description=_("offered"), ordering="offered")
    def offered(self, place):
        return place.offered

    @admin.display(description=_("waiting"), ordering="waiting")
    def waiting(self, place):
        return place.waiting

    @admin.display(description=_("available"), ordering="available")
    def available(self, place):
        return _("unlimited") if place.available is None else place.available

    def save_model(self, request, obj, form, change):
        if change:
            resize(obj, size=form.cleaned_data["size"])
        else:
            super().save_model(request, obj, form, change)
