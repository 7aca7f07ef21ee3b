from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidencyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "incubators.residency"
    label = "residency"
    verbose_name = _("Incubator residency")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    url_prefix = "residency/"
    urls_module = "incubators.residency.urls"
    # Both bases' pages lead to the residency page, which names each base's services.
    catalogue_actions = {
        "incubators.incubator:workshop": ("residency:index", _("Apply for residency")),
        "incubators.incubator:community-7plus": ("residency:index", _("Apply for residency")),
    }
    # Reviewers read and review; approvers (who include reviewers) decide through the shared
    # workflow's permission (portal.decide_application); data managers record move-outs.
    role_permissions = {
        "reviewer": [
            "residency.view_residencyapplication",
            "residency.change_residencyapplication",
            "residency.view_residency",
        ],
        "data manager": ["residency.view_residency", "residency.change_residency"],
    }
