import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.applications.claims import Claim
from portal.models import Application, Degree, mask


class SubsidyScheme(models.Model):
    """The internship subsidy; `max_months` is not in the source document, so staff set it."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("official name"), max_length=200)
    summary = models.TextField(_("summary"))
    who_for = models.CharField(_("who it is for"), max_length=300)
    programme = models.OneToOneField(
        "programs.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subsidy_scheme",
        verbose_name=_("programme"),
    )
    max_months = models.PositiveSmallIntegerField(
        _("longest period paid (months)"),
        default=12,
        help_text=_("Not set by the source document; staff may change it."),
    )

    class Meta:
        verbose_name = _("subsidy scheme")
        verbose_name_plural = _("subsidy schemes")

    def __str__(self):
        return self.name

    def tier_for(self, degree: str) -> "SubsidyTier":
        try:
            return self.tiers.get(degree=degree)
        except SubsidyTier.DoesNotExist:
            raise ValidationError(_("Choose a degree from the list."), code="unknown_degree") from None

    def calculate(self, degree: str, months: int) -> "SubsidyQuote":
        """Amount for `months` of internship at the tier of `degree`; the rules live here, not in a view."""
        try:
            months = int(months)
        except (TypeError, ValueError):
            raise ValidationError(_("Enter a whole number of months."), code="months_invalid") from None
        if months < 1 or months > self.max_months:
            raise ValidationError(
                _("Enter a number of months from 1 to %(max)s."),
                code="months_range",
                params={"max": self.max_months},
            )
        tier = self.tier_for(degree)
        return SubsidyQuote(tier=tier, months=months, total=tier.monthly_amount * months)


class SubsidyTier(models.Model):
    scheme = models.ForeignKey(SubsidyScheme, on_delete=models.CASCADE, related_name="tiers")
    degree = models.CharField(_("highest education"), max_length=20, choices=Degree.choices)
    name = models.CharField(_("official name"), max_length=50)
    monthly_amount = models.DecimalField(_("RMB a month"), max_digits=8, decimal_places=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["scheme", "order", "monthly_amount"]
        constraints = [models.UniqueConstraint(fields=["scheme", "degree"], name="unique_tier_degree")]
        verbose_name = _("subsidy tier")
        verbose_name_plural = _("subsidy tiers")

    def __str__(self):
        return f"{self.name}: {self.monthly_amount}"


@dataclass(frozen=True, kw_only=True)
class SubsidyQuote:
    tier: SubsidyTier
    months: int
    total: Decimal


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Monthly periods from `start` that begin on or before `end` (a started month counts as one).

    The source document gives amounts per month but no rule for part months; the committee
    confirms the schedule when it approves, and staff can change any payment row.
    """
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day >= start.day:
        months += 1
    return months


def add_months(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.month - 1 + months, 12)
    return day.replace(year=day.year + year, month=month + 1, day=min(day.day, 28))


class SubsidyApplication(Application):
    """An application for the internship subsidy: only what this scheme adds to every application."""

    SCHEME = "internship_subsidy"
    BASE_LOOKUP = "host_base"

    # A draft exists before its details are filled in (the applicant may finish it later), so these may
    # be empty in the database; the details form requires them and `check_before` refuses to submit without.
    host_base = models.ForeignKey(
        "incubators.Incubator", on_delete=models.PROTECT, related_name="+", verbose_name=_("base"), null=True
    )
    host_organisation = models.CharField(_("host organisation"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    start_date = models.DateField(_("internship start"), null=True)
    end_date = models.DateField(_("internship end"), null=True)
    # Taken from the profile and the tier table when the applicant submits; never typed by them.
    degree = models.CharField(_("highest education"), max_length=20, choices=Degree.choices, editable=False)
    monthly_amount = models.DecimalField(
        _("RMB a month"), max_digits=8, decimal_places=0, editable=False, null=True
    )
    months = models.PositiveSmallIntegerField(_("months"), editable=False, default=0)
    total = models.DecimalField(_("total (RMB)"), max_digits=10, decimal_places=0, editable=False, null=True)
    # Where the subsidy is paid, given by the applicant before approval. Shown in full only to
    # staff who may mark payments paid (subsidies.mark_paid); masked everywhere else.
    bank_account_name = models.CharField(_("name on the account"), max_length=100, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    bank_account_number = models.CharField(_("account number"), max_length=40, blank=True)

    REQUIRED_DOCUMENTS = ["proof"]
    DOCUMENT_KINDS = {"proof": _("Proof of internship")}
    PERSONAL_FIELDS = ("bank_account_name", "bank_name", "bank_account_number")
    MASKED_FIELDS = ("bank_account_number",)

    class Meta:
        verbose_name = _("internship subsidy application")
        verbose_name_plural = _("internship subsidy applications")

    def get_edit_url(self):
        return reverse("subsidies:apply_details", args=[self.reference])

    @property
    def has_details(self) -> bool:
        return bool(
            self.host_base_id
            and self.host_organisation
            and self.position
            and self.start_date
            and self.end_date
        )

    @property
    def has_bank_account(self) -> bool:
        return bool(self.bank_account_name and self.bank_name and self.bank_account_number)

    @property
    def masked_bank_account_number(self) -> str:
        """Only the last four digits, for everyone but staff who pay."""
        return mask(self.bank_account_number)

    def paid_until(self) -> datetime.date | None:
        """The last day of the last month the subsidy pays (a started month counts as one)."""
        if not (self.start_date and self.end_date):
            return None
        months = months_between(self.start_date, self.end_date)
        return add_months(self.start_date, months) - datetime.timedelta(days=1)

    def claim(self) -> Claim:
        # The same claim is the same months paid twice: paid periods that overlap, whatever the host.
        return Claim(start=self.start_date, end=self.paid_until())

    def quote(self) -> SubsidyQuote:
        """The amount from the applicant's profile degree and the internship dates."""
        if not (self.start_date and self.end_date):
            raise ValidationError(_("Fill in the internship dates first."), code="no_dates")
        scheme = SubsidyScheme.objects.get(slug="internship-subsidy")
        profile = getattr(self.applicant, "profile", None)
        if profile is None:
            raise ValidationError(_("Fill in your profile first."), code="no_profile")
        return scheme.calculate(profile.education, months_between(self.start_date, self.end_date))

    def refresh_amounts(self) -> SubsidyQuote:
        quote = self.quote()
        self.degree, self.monthly_amount = quote.tier.degree, quote.tier.monthly_amount
        self.months, self.total = quote.months, quote.total
        return quote

    def check_before(self, action: str) -> None:
        if action in {"submit", "resubmit"}:
            if not self.has_details:
                raise ValidationError(_("Fill in the internship details first."), code="details_missing")
            if self.end_date < self.start_date:
                raise ValidationError(_("The internship must end after it starts."), code="dates")
            if not self.documents.filter(kind="proof").exists():
                raise ValidationError(_("Upload proof of your internship."), code="proof_missing")
            # Asked at submit only: an answer to a question must never be blocked by it.
            if action == "submit" and not self.has_bank_account:
                raise ValidationError(
                    _("Give the bank account the subsidy is paid to (in the internship details)."),
                    code="bank_missing",
                )
            self.refresh_amounts()
            self.save(update_fields=["degree", "monthly_amount", "months", "total"])
        if action == "approve" and not self.has_bank_account:
            raise ValidationError(
                _("The applicant has not given a bank account for the payments, so this cannot be approved."),
                code="bank_missing",
            )

    def after(self, action: str, *, actor) -> None:
        if action == "approve":
            SubsidyPayment.objects.bulk_create(
                [
                    SubsidyPayment(
                        application=self,
                        period=n + 1,
                        month=add_months(self.start_date, n),
                        amount=self.monthly_amount,
                    )
                    for n in range(self.months)
                ],
                ignore_conflicts=True,
            )


class SubsidyPayment(models.Model):
    """One month of an approved subsidy; staff mark it paid."""

    application = models.ForeignKey(SubsidyApplication, on_delete=models.CASCADE, related_name="payments")
    period = models.PositiveSmallIntegerField(_("month no."))
    month = models.DateField(_("month starting"))
    amount = models.DecimalField(_("amount (RMB)"), max_digits=8, decimal_places=0)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked paid by"),
    )

    class Meta:
        ordering = ["application", "period"]
        constraints = [
            models.UniqueConstraint(fields=["application", "period"], name="unique_payment_period")
        ]
        permissions = [("mark_paid", _("Can mark subsidy payments paid and export them"))]
        verbose_name = _("subsidy payment")
        verbose_name_plural = _("subsidy payments")

    def __str__(self):
        return f"{self.application} #{self.period}"
