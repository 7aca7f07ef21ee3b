from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin.base import ApplicationAdminBase, CatalogueAdmin, ReadOnlyInline

from . import services
from .forms import StepActionForm
from .models import AgencyRequest, AgencyStep, CounsellingAppointment, OnestopRules, ServiceBatch, StepRecord


@admin.register(OnestopRules)
class OnestopRulesAdmin(admin.ModelAdmin):
    list_display = ("__str__", "opens_at", "closes_at", "slot_minutes", "counsellors", "confirm_at_once")

    def has_add_permission(self, request):
        # One row: the office's rules.
        return super().has_add_permission(request) and not OnestopRules.objects.exists()


@admin.register(AgencyStep)
class AgencyStepAdmin(CatalogueAdmin):
    list_display = ("service", "order", "name")
    list_filter = ("service",)
    ordering = ("service", "order")


@admin.register(ServiceBatch)
class ServiceBatchAdmin(admin.ModelAdmin):
    list_display = ("day", "youth", "note")
    date_hierarchy = "day"
    show_facets = admin.ShowFacets.NEVER


@admin.register(CounsellingAppointment)
class CounsellingAppointmentAdmin(ApplicationAdminBase):
    # The slot is the booking's place: it changes only by cancelling and booking again.
    scheme_fields = ("topic", "starts_at", "note")
    scheme_readonly_fields = ("topic", "starts_at")
    list_filter = (*ApplicationAdminBase.list_filter, "topic")


class StepRecordInline(ReadOnlyInline):
    model = StepRecord
    fields = ("step", "at", "note", "by", "recorded_at")
    readonly_fields = fields
    verbose_name_plural = _("steps reached")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("step", "by")


@admin.register(AgencyRequest)
class AgencyRequestAdmin(ApplicationAdminBase):
    scheme_fields = (
        "service",
        "company_name",
        "business_scope",
        "credit_code",
        "preferred_bank",
        "authorises",
        "next_step_label",
    )
    # What the applicant authorised is theirs to change, not staff's.
    scheme_readonly_fields = ("service", "authorises", "next_step_label")
    list_filter = (*ApplicationAdminBase.list_filter, "service")
    inlines = [*ApplicationAdminBase.inlines, StepRecordInline]
    # Moving requests through their steps is the one bulk action: each request on its own, in order.
    actions = ["record_next_step"]
    action_form = StepActionForm

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_move_permission(self, request):
        return request.user.has_perm("onestop.move_agency_step")

    @admin.display(description=_("next step"))
    def next_step_label(self, application):
        if application.pk is None:
            return "–"
        step = application.next_step()
        if step is None:
            return _("All steps reached.")
        if not application.may_move:
            return _("%(step)s (once the request is approved)") % {"step": step.name}
        return _("%(step)s: select the request in the list and choose “Record the next step”.") % {
            "step": step.name
        }

    @admin.action(
        description=_("Record the next step for the selected requests (with the date and note above)"),
        permissions=["move"],
    )
    def record_next_step(self, request, queryset):
        form = StepActionForm(request.POST)
        form.fields["action"].choices = self.get_action_choices(request)
        if not form.is_valid():
            self.message_user(request, _("Enter the date as on a calendar, e.g. 2026-12-03."), messages.ERROR)
            return
        at, note = form.cleaned_data["at"], form.cleaned_data["note"]
        moved, refused = 0, []
        for application in queryset.order_by("pk"):
            try:
                services.record_next_step(application, by=request.user, at=at, note=note)
            except ValidationError as error:
                refused.append(error.messages[0])
            else:
                moved += 1
        if moved:
            self.message_user(
                request,
                ngettext(
                    "%(count)d request moved to its next step.",
                    "%(count)d requests moved to their next step.",
                    moved,
                )
                % {"count": moved},
                messages.SUCCESS,
            )
        for message in refused:
            self.message_user(request, message, messages.WARNING)
