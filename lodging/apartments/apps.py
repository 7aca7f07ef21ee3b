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
