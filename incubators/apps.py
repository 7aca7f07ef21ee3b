from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "incubators"
    verbose_name = _("Bases")
