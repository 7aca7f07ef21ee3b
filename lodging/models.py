from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class LodgingScheme(models.Model):
    """One of the three lodging schemes. Rule fields left empty do not apply to the scheme."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("official name"), max_length=200)
    summary = models.TextField(_("summary"))
    description = models.TextField(_("description"), blank=True)
    who_for = models.CharField(_("who it is for"), max_length=300)
    # Rules the source document gives.
    free_months = models.PositiveSmallIntegerField(_("free months (short stay)"), null=True, blank=True)
    long_lease_rent_percent = models.PositiveSmallIntegerField(
        _("long lease rent (per cent of market rent)"), null=True, blank=True
    )
    max_lease_months = models.PositiveSmallIntegerField(_("longest lease (months)"), null=True, blank=True)
    max_free_nights = models.PositiveSmallIntegerField(_("free nights at most"), null=True, blank=True)
    requires_hetao_work = models.BooleanField(_("only for those working in the Hetao zone"), default=False)
    on_application = models.BooleanField(_("arranged on application"), default=True)
    # Rules the source document does not give: staff set them; empty means "no limit".
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("lodging scheme")
        verbose_name_plural = _("lodging schemes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("lodging:list") + f"#{self.slug}"
