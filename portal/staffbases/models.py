"""Who manages which base: a staff member with rows here sees and decides only their bases' work.

A staff member with no row is the committee's and sees every base; so is a superuser. What
"belongs to a base" is each scheme's `Application.BASE_LOOKUP`; the admin filters by it
(portal.admin.base.ApplicationAdminBase.get_queryset).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffBaseManager(models.Manager):
    def bases_of(self, user) -> frozenset[int] | None:
        """The ids of the incubators `user` manages, or None for the committee (who see every base).

        Remembered on the user for the request: the admin asks it for every list and page.
        """
        if not getattr(user, "is_authenticated", False) or user.is_superuser:
            return None
        cached = getattr(user, "_portal_bases", False)
        if cached is False:
            ids = frozenset(self.filter(user=user).order_by().values_list("incubator_id", flat=True))
            cached = ids or None
            user._portal_bases = cached
        return cached


class StaffBase(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_bases",
        verbose_name=_("staff member"),
        limit_choices_to={"is_staff": True},
    )
    incubator = models.ForeignKey(
        "incubators.Incubator",
        on_delete=models.CASCADE,
        related_name="staff_managers",
        verbose_name=_("base"),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    objects = StaffBaseManager()

    class Meta:
        ordering = ["incubator", "user"]
        verbose_name = _("base manager")
        verbose_name_plural = _("base managers")
        constraints = [models.UniqueConstraint(fields=["user", "incubator"], name="one_row_per_staff_base")]

    def __str__(self):
        return f"{self.user} → {self.incubator}"
