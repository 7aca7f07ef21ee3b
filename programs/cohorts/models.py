"""The Greater Bay Area Youth Entrepreneurship Programme (大湾区青年创业计划), run with Hong Kong Cyberport.

Staff open a cohort with an application window; teams apply; accepted teams are coached for three
months (the document's figure, a default staff may change) with milestones staff record; reviewers
score them on the cohort's rubric; approvers award at most the cohort's number of awards (ten in the
document). The awards are one capacity Place of the cohort, so the database refuses one award too
many however many approvers click at once (docs/adr/0008-one-capacity-mechanism.md).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.applications.claims import Claim
from portal.capacity.models import Place
from portal.models import Application

# From the source document: "通过3个月的跟踪辅导，选出10个优质港澳青年创新创业团队".
DOCUMENT_COACHING_MONTHS = 3
DOCUMENT_AWARDS = 10


def months_after(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.month - 1 + months, 12)
    return day.replace(year=day.year + year, month=month + 1, day=min(day.day, 28))


class CohortQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Cohort(models.Model):
    programme = models.ForeignKey(
        "programs.Programme", on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    opens_on = models.DateField(_("applications open"))
    closes_on = models.DateField(_("applications close"), help_text=_("The last day applications are taken."))
    coaching_starts = models.DateField(_("coaching starts"))
    coaching_ends = models.DateField(
        _("coaching ends"),
        null=True,
        blank=True,
        help_text=_("Empty: three months after the start, as the programme document says."),
    )
    awards = models.PositiveSmallIntegerField(
        _("number of awards"),
        default=DOCUMENT_AWARDS,
        help_text=_(
            "The programme document says 10 teams are awarded; the database allows no more than this."
        ),
    )
    published = models.BooleanField(_("published"), default=False)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "pk"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="cohort_window_order"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.coaching_starts and not self.coaching_ends:
            self.coaching_ends = months_after(self.coaching_starts, DOCUMENT_COACHING_MONTHS)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cohorts:apply", args=[self.slug])

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Applications must close on or after the day they open.")})
        if self.coaching_starts and self.coaching_ends and self.coaching_ends < self.coaching_starts:
            raise ValidationError({"coaching_ends": _("Coaching must end after it starts.")})

    def is_open(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.published and self.opens_on <= day <= self.closes_on

    def window_state(self, day: datetime.date | None = None) -> str:
        day = day or timezone.localdate()
        if day < self.opens_on:
            return "soon"
        return "open" if day <= self.closes_on else "closed"

    def award_place(self) -> Place:
        """The cohort's awards, as one Place (created with the cohort; see services.save_cohort)."""
        return Place.objects.for_target(self).get(day__isnull=True, starts_at__isnull=True)


class Criterion(models.Model):
    """One line of a cohort's rubric; its weight counts in the combined score."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["cohort", "order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [models.CheckConstraint(condition=Q(weight__gte=1), name="cohort_criterion_weight")]

    def __str__(self):
        return self.name


class CohortApplication(Application):
    """A team's application to a cohort."""

    SCHEME = "gba_cohort"
    LIFECYCLE = "cohort"
    TARGET_FIELD = "cohort"
    # An award is refused when the awards are all given: there is no waiting for one.
    WAITLIST = False

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="applications")
    team = models.ForeignKey(
        "teams.Team",
        on_delete=models.PROTECT,
        null=True,
        related_name="cohort_applications",
        verbose_name=_("team"),
    )
    pitch = models.TextField(_("your idea"), blank=True)
    coaching_goals = models.TextField(_("what you want from the coaching"), blank=True)
    may_be_named = models.BooleanField(
        _("If we are awarded, the team's name may be published on the results page"), default=False
    )
    # The scores as they stood when the approver decided (see scoring.snapshot).
    decision_scores = models.JSONField(_("scores at the decision"), default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("GBA Youth Entrepreneurship Programme application")
        verbose_name_plural = _("GBA Youth Entrepreneurship Programme applications")

    def get_edit_url(self):
        return reverse("cohorts:apply_details", args=[self.reference])

    def claim(self) -> Claim:
        # One application per team per cohort (the lead is the applicant, so the claim is theirs).
        return Claim(key=f"cohort:{self.cohort_id}:team:{self.team_id}")

    def places(self) -> list:
        return [self.cohort.award_place()]

    def check_before(self, action: str) -> None:
        if action == "submit":
            if not self.cohort.is_open():
                raise ValidationError(
                    _("Applications to this cohort are taken from %(opens)s to %(closes)s.")
                    % {"opens": self.cohort.opens_on, "closes": self.cohort.closes_on},
                    code="window",
                )
            if self.team is None or self.team.lead_id != self.applicant_id:
                raise ValidationError(_("Choose one of the teams you lead."), code="team")
            # A team's lead may change: the claim is the person's, so look at the team too.
            others = CohortApplication.objects.filter(
                cohort=self.cohort_id, team=self.team_id, status__in=self.lifecycle.holding
            ).exclude(pk=self.pk)
            if others.exists():
                raise ValidationError(_("This team has already applied to this cohort."), code="team_twice")

    def after(self, action: str, *, actor) -> None:
        if action in {"award", "not_award"}:
            # The decision is recorded with the scores it was taken on, even if someone scores later.
            from .scoring import snapshot

            self.decision_scores = snapshot(self)
            self.save(update_fields=["decision_scores"])


class Milestone(models.Model):
    """A step of an accepted team's coaching, recorded by staff; the team reads them on its application."""

    application = models.ForeignKey(CohortApplication, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"))
    title = models.CharField(_("milestone"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["application", "date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title


class Score(models.Model):
    """One reviewer's score of one team on one criterion, 0 to 10."""

    application = models.ForeignKey(CohortApplication, on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(10)])
    scored_at = models.DateTimeField(_("scored"), auto_now=True)

    class Meta:
        ordering = ["application", "reviewer", "criterion"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer", "criterion"], name="cohort_one_score_per_criterion"
            ),
            models.CheckConstraint(condition=Q(value__lte=10), name="cohort_score_at_most_ten"),
        ]

    def __str__(self):
        return f"{self.application} · {self.criterion}: {self.value}"
