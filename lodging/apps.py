from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LodgingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lodging"
    verbose_name = _("Lodging")
