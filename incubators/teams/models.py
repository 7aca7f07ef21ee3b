"""Teams: who applies to the bases and programmes. A team's lead manages it and reuses it for every
application (residency, the transit desk, a GBA cohort); members are invited by email and confirm.

Its figures (members, Hong Kong/Macau members, IP items, financing, output) are what the district's
figures count for resident teams.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Signed invitation links carry this salt, so a token signed for anything else is not one.
INVITATION_SALT = "teams.invitation"


def invitation_days() -> int:
    """How long an invitation link works: the office's rule (TEAM_INVITATION_DAYS), 14 days by default."""
    return int(getattr(settings, "TEAM_INVITATION_DAYS", 14))


class TeamQuerySet(models.QuerySet):
    def led_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(lead=user)

    def of_member(self, user):
        """Teams `user` leads or has confirmed membership of (members see them read-only)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(lead=user) | Q(members__user=user, members__confirmed_at__isnull=False)
        ).distinct()

    def with_counts(self):
        """Each team's confirmed members (`members_now`) and those from Hong Kong or Macau
        (`hk_macau_members`), in the same query."""
        confirmed = Q(members__confirmed_at__isnull=False)
        return self.annotate(
            members_now=Count("members", filter=confirmed, distinct=True),
            hk_macau_members=Count(
                "members", filter=confirmed & Q(members__from_hk_macau=True), distinct=True
            ),
        )


class Team(models.Model):
    class Stage(models.TextChoices):
        IDEA = "idea", _("Idea")
        PROTOTYPE = "prototype", _("Prototype")
        EARLY_REVENUE = "early_revenue", _("First customers")
        GROWTH = "growth", _("Growing")

    class Output(models.TextChoices):
        # The document counts teams that "grew from zero output to the RMB ten-million level".
        NONE = "none", _("No output yet")
        UNDER_MILLION = "under_1m", _("Under RMB 1 million a year")
        MILLIONS = "1m_10m", _("RMB 1 to 10 million a year")
        TEN_MILLION = "10m_plus", _("RMB 10 million a year or more")

    name = models.CharField(_("team name"), max_length=200)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="teams_led", verbose_name=_("lead")
    )
    field = models.ForeignKey(
        "incubators.FieldOfWork",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teams",
        verbose_name=_("field"),
    )
    field_other = models.CharField(_("other field"), max_length=100, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    description = models.TextField(_("what the team does"), blank=True)
    ip_items = models.PositiveIntegerField(_("intellectual-property items"), default=0)
    financing_rmb = models.PositiveBigIntegerField(_("financing raised (RMB)"), default=0)
    output_level = models.CharField(_("output"), max_length=20, choices=Output.choices, default=Output.NONE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("teams:detail", args=[self.pk])

    @property
    def field_label(self) -> str:
        return str(self.field) if self.field_id else self.field_other

    def is_led_by(self, user) -> bool:
        return user.is_authenticated and self.lead_id == user.pk

    def applications(self) -> list:
        """Every application made for this team, of every scheme whose application names a team
        (one query per such scheme, however many applications there are)."""
        from portal.models import Application

        found = []
        for model in Application.registry.values():
            field = next((f for f in model._meta.concrete_fields if f.name == "team"), None)
            if field is None or field.related_model is not Team or model._meta.proxy:
                continue
            rows = model.objects.filter(team=self).exclude(status="draft")
            if model.TARGET_FIELD:  # shown beside each application
                rows = rows.select_related(model.TARGET_FIELD)
            found.extend(rows)
        return sorted(found, key=lambda application: application.created_at, reverse=True)


class TeamMember(models.Model):
    """A member of a team, invited by email; `user` and `confirmed_at` are set when they confirm."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members", verbose_name=_("team"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=100, blank=True)
    from_hk_macau = models.BooleanField(_("from Hong Kong or Macau"), default=True)
    university = models.CharField(_("university"), max_length=200, blank=True)
    is_founder = models.BooleanField(_("founder"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="team_memberships",
        verbose_name=_("account"),
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        ordering = ["team", "pk"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["team", "email"], name="teams_one_membership_per_email")
        ]

    def __str__(self):
        return f"{self.name} ({self.team})"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def invitation_token(self) -> str:
        # The email is signed too: changing a member's email in admin voids the link sent to the old one.
        return signing.dumps({"member": self.pk, "email": self.email}, salt=INVITATION_SALT)

    @classmethod
    def from_token(cls, token: str, *, max_age: datetime.timedelta | None = None) -> "TeamMember":
        """The member a signed invitation is for. Raises signing.BadSignature (a forged or altered
        link), signing.SignatureExpired (too old) or cls.DoesNotExist (withdrawn)."""
        age = max_age if max_age is not None else datetime.timedelta(days=invitation_days())
        data = signing.loads(token, salt=INVITATION_SALT, max_age=age)
        if not isinstance(data, dict):
            raise signing.BadSignature("not an invitation")
        return cls.objects.select_related("team__lead").get(pk=data.get("member"), email=data.get("email"))
