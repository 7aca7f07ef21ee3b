"""Incubator residency: a team applies to a base (the Workshop or the 7+ community) naming the
services it wants; approval makes it a resident team of that base with a move-in date.

Resident teams and their figures are what the district's figures count:
`Residency.objects.current().figures()`.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.applications.claims import Claim
from portal.models import Application


class ResidencyApplication(Application):
    SCHEME = "residency"
    TARGET_FIELD = "incubator"
    # Per-base staff: the base this application belongs to.
    BASE_LOOKUP = "incubator"

    incubator = models.ForeignKey(
        "incubators.Incubator",
        on_delete=models.PROTECT,
        related_name="residency_applications",
        verbose_name=_("base"),
    )
    team = models.ForeignKey(
        "teams.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residency_applications",
        verbose_name=_("team"),
    )
    services = models.ManyToManyField(
        "incubators.Service",
        blank=True,
        related_name="residency_applications",
        verbose_name=_("services wanted"),
    )
    move_in_on = models.DateField(_("planned move-in date"), null=True, blank=True)
    plan = models.TextField(_("what the team will do at the base"), blank=True)

    class Meta:
        verbose_name = _("incubator residency")
        verbose_name_plural = _("incubator residency applications")

    def get_edit_url(self):
        return reverse("residency:apply_details", args=[self.reference])

    def save(self, *args, **kwargs):
        # The shared journey saves a draft with update_fields = the form's fields; a many-to-many
        # field is not a column, so it is taken out here and written after the row (see forms.py).
        chosen = self.__dict__.pop("_services_chosen", None)
        fields = kwargs.get("update_fields")
        if fields is not None:
            kwargs["update_fields"] = [name for name in fields if name != "services"]
        super().save(*args, **kwargs)
        if chosen is not None:
            self.services.set(chosen)

    def claim(self):
        # One application per team and base while it is undecided (or approved: the team is resident).
        if self.team_id is None:
            return None
        return Claim(key=f"team-{self.team_id}-base-{self.incubator_id}")

    def check_before(self, action: str) -> None:
        if action in {"submit", "resubmit"}:
            if self.team_id is None or self.team.lead_id != self.applicant_id:
                raise ValidationError(_("Choose one of the teams you lead."), code="team")
            if self.services.exclude(incubator_id=self.incubator_id).exists():
                raise ValidationError(_("Choose services of this base only."), code="services")
            if not self.services.exists():
                raise ValidationError(_("Choose at least one service."), code="no_services")
        if (
            action == "approve"
            and Residency.objects.current().filter(team=self.team, incubator=self.incubator).exists()
        ):
            raise ValidationError(_("This team is already resident at this base."), code="resident")

    def after(self, action: str, *, actor) -> None:
        # Inside the workflow's transaction: the approval and the residency stand or fall together.
        if action == "approve":
            Residency.objects.create(
                team=self.team,
                incubator=self.incubator,
                application=self,
                moved_in_on=self.move_in_on or timezone.localdate(),
            )

    @property
    def residency(self):
        return Residency.objects.filter(application=self).first()


class ResidencyQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        """Resident on `on` (today by default): moved in by then and not yet left."""
        day = on or timezone.localdate()
        return self.filter(moved_in_on__lte=day).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))

    def figures(self) -> dict:
        """The resident teams' figures in one query: teams, members now (confirmed), members from
        Hong Kong or Macau, IP items, financing (RMB) and teams at each output level."""
        from incubators.teams.models import Team

        team_ids = self.values("team_id")
        teams = Team.objects.filter(pk__in=team_ids)
        confirmed = Q(members__confirmed_at__isnull=False)
        per_level = {
            f"output_{value}": Count("pk", filter=Q(output_level=value), distinct=True)
            for value in Team.Output.values
        }
        totals = teams.aggregate(
            teams=Count("pk", distinct=True),
            **per_level,
        )
        totals.update(
            teams.aggregate(
                members_now=Count("members", filter=confirmed, distinct=True),
                hk_macau_members=Count(
                    "members", filter=confirmed & Q(members__from_hk_macau=True), distinct=True
                ),
            )
        )
        sums = teams.aggregate(ip_items=Sum("ip_items"), financing_rmb=Sum("financing_rmb"))
        totals.update({name: value or 0 for name, value in sums.items()})
        return totals


class Residency(models.Model):
    """A team resident at a base, from its move-in date until it leaves (staff set `ended_on`)."""

    team = models.ForeignKey(
        "teams.Team", on_delete=models.PROTECT, related_name="residencies", verbose_name=_("team")
    )
    incubator = models.ForeignKey(
        "incubators.Incubator", on_delete=models.PROTECT, related_name="residencies", verbose_name=_("base")
    )
    application = models.OneToOneField(
        ResidencyApplication,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("application"),
    )
    moved_in_on = models.DateField(_("moved in"))
    ended_on = models.DateField(_("left"), null=True, blank=True)

    objects = ResidencyQuerySet.as_manager()

    class Meta:
        ordering = ["-moved_in_on", "pk"]
        verbose_name = _("resident team")
        verbose_name_plural = _("resident teams")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "incubator"],
                condition=Q(ended_on__isnull=True),
                name="residency_one_open_per_team_and_base",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("moved_in_on")),
                name="residency_ends_after_moving_in",
            ),
        ]

    def __str__(self):
        return f"{self.team} @ {self.incubator}"
