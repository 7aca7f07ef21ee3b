from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "incubators.lab"
    label = "lab"
    verbose_name = _("Shared laboratory")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    url_prefix = "lab/"
    urls_module = "incubators.lab.urls"
