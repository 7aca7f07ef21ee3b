from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal.admin.base import ApplicationAdminBase, CatalogueAdmin, CatalogueTabularInline, ReadOnlyInline
from portal.applications.exports import CSV, XLSX, export_response
from portal.models import Status

from .models import SubsidyApplication, SubsidyPayment, SubsidyScheme, SubsidyTier


class SubsidyTierInline(CatalogueTabularInline):
    model = SubsidyTier


@admin.register(SubsidyScheme)
class SubsidySchemeAdmin(CatalogueAdmin):
    list_display = ("name", "max_months")
    inlines = [SubsidyTierInline]


def may_see_bank_accounts(user) -> bool:
    """Only staff who pay see where the money goes; everyone else sees the last four digits."""
    return user.has_perm("subsidies.mark_paid")


def bank_account(application, *, full: bool) -> str:
    if not application.has_bank_account:
        return gettext("Not given yet.")
    number = application.bank_account_number if full else application.masked_bank_account_number
    return f"{application.bank_account_name}, {application.bank_name}, {number}"


class PaymentInline(ReadOnlyInline):
    """The schedule created on approval; months are marked paid from the payments list."""

    model = SubsidyPayment
    fields = ("period", "month", "amount", "paid_at", "paid_by")
    readonly_fields = fields
    verbose_name_plural = _("payment schedule")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("paid_by")


@admin.register(SubsidyApplication)
class SubsidyApplicationAdmin(ApplicationAdminBase):
    # Staff may correct the host's name or the position; the dates and amounts decide the money,
    # so they change only when the applicant resubmits (the amounts are recalculated then).
    scheme_fields = (
        "host_base",
        "host_organisation",
        "position",
        ("start_date", "end_date"),
        "degree",
        ("monthly_amount", "months", "total"),
        "bank_account",
        "payments",
    )
    scheme_readonly_fields = (
        "bank_account",
        "bank_account_in_full",
        "start_date",
        "end_date",
        "degree",
        "monthly_amount",
        "months",
        "total",
        "payments",
    )
    list_filter = (*ApplicationAdminBase.list_filter, "host_base")
    inlines = [*ApplicationAdminBase.inlines, PaymentInline]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if may_see_bank_accounts(request.user):
            for _name, options in fieldsets:
                options["fields"] = [
                    "bank_account_in_full" if field == "bank_account" else field
                    for field in options["fields"]
                ]
        return fieldsets

    @admin.display(description=_("bank account"))
    def bank_account(self, application):
        return bank_account(application, full=False)

    @admin.display(description=_("bank account"))
    def bank_account_in_full(self, application):
        return bank_account(application, full=True)

    @admin.display(description=_("payments"))
    def payments(self, application):
        if application.status != Status.APPROVED:
            return gettext("The payment schedule appears when the application is approved.")
        url = reverse("admin:subsidies_subsidypayment_changelist", current_app=self.admin_site.name)
        return format_html(
            '<a href="{}?application__exact={}">{}</a>',
            url,
            application.pk,
            gettext("Open this application's payments (to mark months paid)"),
        )


class PaidFilter(admin.SimpleListFilter):
    title = _("paid")
    parameter_name = "paid"

    def lookups(self, request, model_admin):
        return [("no", _("Not paid yet")), ("yes", _("Paid"))]

    def queryset(self, request, queryset):
        if self.value() in {"yes", "no"}:
            return queryset.filter(paid_at__isnull=self.value() == "no")
        return queryset


@admin.register(SubsidyPayment)
class SubsidyPaymentAdmin(admin.ModelAdmin):
    """Months of approved subsidies: mark them paid, export them for finance."""

    list_display = (
        "reference",
        "applicant_name",
        "base",
        "period",
        "month",
        "amount",
        "bank_account",
        "paid_at",
        "paid_by",
    )
    list_filter = (PaidFilter, ("month", admin.DateFieldListFilter), "application__host_base")
    list_select_related = ("application__applicant__profile", "application__host_base", "paid_by")
    search_fields = (
        "application__reference",
        "application__applicant__profile__name_zh",
        "application__applicant__profile__name_en",
        "application__host_organisation",
    )
    search_help_text = _("Reference, the applicant's name, or the host organisation.")
    ordering = ("month", "application__reference", "period")
    date_hierarchy = "month"
    show_facets = admin.ShowFacets.NEVER
    actions = ["mark_paid", "export_csv", "export_xlsx"]
    fields = ("application", "period", "month", "amount", "paid_at", "paid_by")
    readonly_fields = ("application", "period", "paid_at", "paid_by")

    class Media:
        css = {"all": ["css/admin.css"]}

    def has_add_permission(self, request):
        return False  # the schedule is made by approving the application

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # A paid month is a record of money sent: it no longer changes.
        if obj is not None and obj.paid_at is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_mark_paid_permission(self, request):
        return request.user.has_perm("subsidies.mark_paid")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("reference"), ordering="application__reference")
    def reference(self, payment):
        return payment.application.reference

    @admin.display(description=_("applicant"))
    def applicant_name(self, payment):
        profile = getattr(payment.application.applicant, "profile", None)
        return f"{profile.name_zh} / {profile.name_en}" if profile else "—"

    @admin.display(description=_("base"), ordering="application__host_base")
    def base(self, payment):
        return payment.application.host_base

    def get_list_display(self, request):
        if may_see_bank_accounts(request.user):
            return [
                ("bank_account_in_full" if name == "bank_account" else name) for name in self.list_display
            ]
        return self.list_display

    @admin.display(description=_("bank account"))
    def bank_account(self, payment):
        return bank_account(payment.application, full=False)

    @admin.display(description=_("bank account"))
    def bank_account_in_full(self, payment):
        return bank_account(payment.application, full=True)

    @admin.action(description=_("Mark the selected months paid"), permissions=["mark_paid"])
    def mark_paid(self, request, queryset):
        with transaction.atomic():
            # Locked first, so two people marking at once cannot both record the same month.
            unpaid = SubsidyPayment.objects.select_for_update().filter(
                pk__in=queryset.values("pk"), paid_at__isnull=True
            )
            ids = list(unpaid.values_list("pk", flat=True))
            SubsidyPayment.objects.filter(pk__in=ids).update(paid_at=timezone.now(), paid_by=request.user)
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=SubsidyPayment.objects.filter(pk__in=ids),
                action_flag=CHANGE,
                change_message=[{"changed": {"fields": ["paid_at", "paid_by"]}}],
            )
        skipped = queryset.count() - len(ids)
        message = ngettext("%(count)d month marked paid.", "%(count)d months marked paid.", len(ids)) % {
            "count": len(ids)
        }
        if skipped:
            message += " " + ngettext(
                "%(count)d was already paid and was left as it was.",
                "%(count)d were already paid and were left as they were.",
                skipped,
            ) % {"count": skipped}
        self.message_user(request, message, messages.SUCCESS if ids else messages.WARNING)

    @admin.action(description=_("Export the selected months (CSV for Excel)"), permissions=["mark_paid"])
    def export_csv(self, request, queryset):
        return self.export(queryset, CSV)

    @admin.action(description=_("Export the selected months (XLSX)"), permissions=["mark_paid"])
    def export_xlsx(self, request, queryset):
        return self.export(queryset, XLSX)

    def export(self, queryset, fmt):
        headers = [
            _("reference"),
            _("name in Chinese"),
            _("name in English"),
            _("base"),
            _("host organisation"),
            _("month no."),
            _("month starting"),
            _("amount (RMB)"),
            _("name on the account"),
            _("bank"),
            _("account number"),
            _("paid"),
        ]
        payments = queryset.select_related(
            "application__applicant__profile", "application__host_base"
        ).order_by("application__reference", "period")
        rows = []
        for payment in payments:
            application = payment.application
            profile = getattr(application.applicant, "profile", None)
            rows.append(
                [
                    application.reference,
                    profile.name_zh if profile else "",
                    profile.name_en if profile else "",
                    application.host_base,
                    application.host_organisation,
                    payment.period,
                    payment.month,
                    payment.amount,
                    application.bank_account_name,
                    application.bank_name,
                    application.bank_account_number,
                    payment.paid_at,
                ]
            )
        return export_response(fmt, f"subsidy-payments-{timezone.localdate():%Y%m%d}", headers, rows)
