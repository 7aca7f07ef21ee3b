from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal.capacity"
    label = "capacity"
    verbose_name = _("Places and waiting lists")

    # Reviewers see who holds and waits for places; data managers set how many places there are.
    role_permissions = {
        "reviewer": ("capacity.view_place",),
        "data manager": ("capacity.view_place", "capacity.add_place", "capacity.change_place"),
    }
