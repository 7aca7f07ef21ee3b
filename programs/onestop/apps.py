from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnestopConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programs.onestop"
    label = "onestop"
    verbose_name = _("One-stop service office requests")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    url_prefix = "one-stop/"
    urls_module = "programs.onestop.urls"
    # The office's programme page leads to the page offering both ways in (portal/catalogue/actions.py).
    catalogue_actions = {
        "programs.programme:one-stop-service-office": (
            "onestop:index",
            _("Book counselling or an agency service"),
        ),
    }
    # Data managers edit the office's rules, the agency steps and the batches (portal/roles.py).
    catalogue_models = ("onestoprules", "agencystep", "servicebatch")
    role_permissions = {
        "reviewer": [
            "onestop.view_counsellingappointment",
            "onestop.change_counsellingappointment",
            "onestop.view_agencyrequest",
            "onestop.change_agencyrequest",
            "onestop.move_agency_step",
            "onestop.view_servicebatch",
            "onestop.add_servicebatch",
            "onestop.change_servicebatch",
        ],
    }
