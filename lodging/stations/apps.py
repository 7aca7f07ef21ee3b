from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lodging.stations"
    label = "stations"
    verbose_name = _("Youth stations")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    url_prefix = "lodging/stations/"
    urls_module = "lodging.stations.urls"
