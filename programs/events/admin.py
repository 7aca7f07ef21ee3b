from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin.base import ApplicationAdminBase, CatalogueAdmin
from portal.applications.lifecycles import BOOKED

from .models import Event, EventRegistration
from .services import cancel_event, check_seats, save_seats


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        # The admin builds the form from its fieldsets (in three languages); this form adds a check.
        fields = ["seats"]

    def clean(self):
        data = super().clean()
        if "seats" in data and not self.has_error("seats"):
            # The admin's view is one transaction: the seats stay locked from here to save_model.
            try:
                check_seats(self.instance, data["seats"])
            except ValidationError as error:
                self.add_error(None, error)
        return data


class CancelForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the registered applicants"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Each applicant holding or waiting for a seat is emailed with it."),
    )


@admin.register(Event)
class EventAdmin(CatalogueAdmin):
    form = EventForm
    list_display = (
        "name",
        "starts_at",
        "venue",
        "seats",
        "registered",
        "waiting",
        "checked_in",
        "is_published",
        "is_cancelled",
    )
    list_filter = ("is_published", "is_cancelled", "activity")
    list_select_related = ("activity",)
    search_fields = ("name_zh_hant", "name_en", "name_zh_hans", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    date_hierarchy = "starts_at"
    readonly_fields = ("is_cancelled", "registered", "waiting", "checked_in")
    fieldsets = (
        (None, {"fields": ("activity", "slug", "name", "description", "venue", ("starts_at", "ends_at"))}),
        (_("Rules set by the office"), {"fields": ("seats", "is_published")}),
        (_("Participants"), {"fields": ("registered", "waiting", "checked_in", "is_cancelled")}),
    )
    actions = ["cancel_events"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_participants()

    @admin.display(description=_("registered"), ordering="registered")
    def registered(self, event):
        return getattr(event, "registered", "—")

    @admin.display(description=_("waiting"), ordering="waiting")
    def waiting(self, event):
        return getattr(event, "waiting", "—")

    @admin.display(description=_("checked in"), ordering="checked_in")
    def checked_in(self, event):
        return getattr(event, "checked_in", "—")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        save_seats(obj)

    @admin.action(description=_("Cancel the selected events and their registrations"), permissions=["change"])
    def cancel_events(self, request, queryset):
        events = list(queryset.filter(is_cancelled=False))
        form = CancelForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            total = 0
            for event in events:
                total += cancel_event(event, actor=request.user, note=form.cleaned_data["note"])
            self.message_user(
                request,
                ngettext(
                    "%(events)d event cancelled, with %(count)d registration.",
                    "%(events)d events cancelled, with %(count)d registrations.",
                    total,
                )
                % {"events": len(events), "count": total},
                messages.SUCCESS,
            )
            return None
        affected = EventRegistration.objects.filter(event__in=events, status__in=BOOKED).count()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Cancel events"),
            "opts": self.model._meta,
            "events": events,
            "affected": affected,
            "form": form,
            "action": "cancel_events",
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "events/admin/cancel_events.html", context)


@admin.register(EventRegistration)
class EventRegistrationAdmin(ApplicationAdminBase):
    scheme_fields = ("event", "note", "ticket_code")
    scheme_readonly_fields = ("event", "ticket_code")
    list_display = (*ApplicationAdminBase.list_display[:2], "event", *ApplicationAdminBase.list_display[2:])
    list_filter = (*ApplicationAdminBase.list_filter, "event")
    list_select_related = (*ApplicationAdminBase.list_select_related, "event")
    search_fields = (*ApplicationAdminBase.search_fields, "ticket_code")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event")
