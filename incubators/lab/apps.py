from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "incubators.lab"
    label = "lab"
    verbose_name = _("Shared laboratory")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    url_prefix = "lab/"
    # Where the catalogue's page sends visitors to act (portal/catalogue/actions.py).
    catalogue_actions = {
        "incubators.incubator:community-7plus": ("lab:list", _("Book the shared laboratory"))
    }
    urls_module = "incubators.lab.urls"
    # Data managers edit the equipment, its hours and the lab's rules (portal/roles.py).
    catalogue_models = ("equipment", "labrules")
    # Reviewers check teams and see bookings; approvers (who include reviewers) confirm teams
    # through the shared workflow's permission (portal.decide_application).
    role_permissions = {
        "reviewer": [
            "lab.view_researchteam",
            "lab.change_researchteam",
            "lab.view_labbooking",
            "lab.change_labbooking",
            "lab.view_equipment",
        ],
    }
