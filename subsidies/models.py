from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Degree(models.TextChoices):
    ASSOCIATE = "associate", _("Associate degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")


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
