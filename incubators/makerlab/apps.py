from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MakerlabConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "incubators.makerlab"
    label = "makerlab"
    verbose_name = _("Trouble Maker labs")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    url_prefix = "maker-labs/"
    urls_module = "incubators.makerlab.urls"
    # Where the catalogue's page sends visitors to act (portal/catalogue/actions.py).
    catalogue_actions = {
        "incubators.incubator:community-7plus": ("makerlab:list", _("Join the Trouble Maker labs and book"))
    }
    # Data managers edit the labs, their hours and the rules (portal/roles.py).
    catalogue_models = ("makerlab", "makerlabrules")
    # Reviewers check memberships and see bookings; approvers give memberships through the shared
    # workflow's permission (portal.decide_application).
    role_permissions = {
        "reviewer": [
            "makerlab.view_makermembership",
            "makerlab.change_makermembership",
            "makerlab.view_makerlabbooking",
            "makerlab.change_makerlabbooking",
            "makerlab.view_makerlab",
        ],
    }
