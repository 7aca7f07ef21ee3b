from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransitConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "incubators.transit"
    label = "transit"
    verbose_name = _("Business transit station")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    url_prefix = "transit/"
    urls_module = "incubators.transit.urls"
    # Where the catalogue's page sends visitors to act (portal/catalogue/actions.py).
    catalogue_actions = {
        "incubators.incubator:community-7plus": ("transit:index", _("Apply for a transit station desk"))
    }
    # Data managers edit the station's desks and rules (portal/roles.py).
    catalogue_models = ("transitstation",)
    # Reviewers read and review applications; approvers allocate desks through the shared workflow's
    # permission (portal.decide_application).
    role_permissions = {
        "reviewer": [
            "transit.view_transitdeskapplication",
            "transit.change_transitdeskapplication",
            "transit.view_transitstation",
        ],
    }
