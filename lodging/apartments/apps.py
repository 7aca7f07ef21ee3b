from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApartmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lodging.apartments"
    label = "apartments"
    verbose_name = _("Talent apartment")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    url_prefix = "lodging/talent-apartment/"
    urls_module = "lodging.apartments.urls"
    # Reviewers and approvers read tenancy applications (deciding is the portal's decide permission);
    # data managers keep the units and their market rents.
    role_permissions = {
        "reviewer": [
            "apartments.view_apartmentapplication",
            "apartments.change_apartmentapplication",
            "apartments.view_unit",
        ],
        "data manager": ["apartments.view_unit", "apartments.add_unit", "apartments.change_unit"],
    }
