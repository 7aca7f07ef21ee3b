from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from .models import Hold, Offer, Place, WaitlistEntry
from .services import locked_for_resize, resize
from .views import occupancy, parse_start


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
    change_list_template = "admin/capacity/place/change_list.html"
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

    # --- occupancy at a glance ----------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("occupancy/", view(self.occupancy_view), name="capacity_place_occupancy"),
            # The page's few rules, served here because the admin's shared stylesheet is not this
            # app's to change (style-src 'self' forbids an inline <style>).
            path("occupancy.css", view(self.occupancy_css), name="capacity_place_occupancy_css"),
            *super().get_urls(),
        ]

    def occupancy_view(self, request):
        """Nights as a grid per target, and timed places as a table: held, offered, waiting, size."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        data = occupancy(start=parse_start(request.GET.get("start")), kind_id=request.GET.get("kind"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Occupancy at a glance"),
            "occupancy": data,
            "kind_id": str(data.kind.pk) if data.kind else "",
        }
        return TemplateResponse(request, "admin/capacity/place/occupancy.html", context)

    def occupancy_css(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        response = TemplateResponse(request, "admin/capacity/place/occupancy.css", content_type="text/css")
        response["Cache-Control"] = "private, max-age=3600"
        return response


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows the capacity mechanism writes: staff read them; only `services` changes them."""

    show_facets = admin.ShowFacets.NEVER

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Whoever may see places may see who waits for them and what is on offer.
        return request.user.has_perm("capacity.view_place") or super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return self.has_view_permission(request)


class KindFilter(admin.SimpleListFilter):
    """The kind of target (a session, a room type…), through the place."""

    title = _("kind of target")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        from django.contrib.contenttypes.models import ContentType

        kinds = ContentType.objects.filter(pk__in=Place.objects.values("target_type")).order_by("app_label")
        return [(str(kind.pk), str(kind)) for kind in kinds]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(place__target_type_id=int(self.value()))
        return queryset


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(ReadOnlyAdmin):
    list_display = ["place", "application", "quantity", "status", "created_at", "offer_expires"]
    list_filter = ["status", KindFilter, ("created_at", admin.DateFieldListFilter)]
    list_select_related = ["place__target_type", "application"]
    search_fields = ["application__reference"]
    search_help_text = _("An application's reference.")
    ordering = ["place", "created_at", "pk"]
    fields = ["place", "application", "quantity", "status", "created_at", "offer_expires"]
    readonly_fields = fields

    def get_queryset(self, request):
        from django.db.models import OuterRef, Subquery

        offers = Offer.objects.filter(place=OuterRef("place"), application=OuterRef("application"))
        return (
            super()
            .get_queryset(request)
            .annotate(offer_expires_at=Subquery(offers.values("expires_at")[:1]))
            .prefetch_related("place__target")
        )

    @admin.display(description=_("offer expires"), ordering="offer_expires_at")
    def offer_expires(self, entry):
        return entry.offer_expires_at


@admin.register(Offer)
class OfferAdmin(ReadOnlyAdmin):
    list_display = ["place", "application", "quantity", "created_at", "expires_at"]
    list_filter = [KindFilter, ("expires_at", admin.DateFieldListFilter)]
    list_select_related = ["place__target_type", "application"]
    search_fields = ["application__reference"]
    search_help_text = _("An application's reference.")
    ordering = ["expires_at", "pk"]
    fields = ["place", "application", "quantity", "created_at", "expires_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("place__target")
