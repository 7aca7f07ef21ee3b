from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LodgingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lodging"
    verbose_name = _("Lodging")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    seed_sections = "lodging.seed.SECTIONS"
    url_prefix = "lodging/"
    urls_module = "lodging.urls"
    catalogue_models = ("lodgingscheme",)
    home_section = "lodging.views.home_section"
