from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "incubators"
    verbose_name = _("Bases")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    seed_sections = "incubators.seed.SECTIONS"
    url_prefix = "incubators/"
    urls_module = "incubators.urls"
    catalogue_models = (
        "incubator",
        "service",
        "facility",
        "equipment",
        "statisticssnapshot",
        "photo",
        "fieldofwork",
    )
    home_section = "incubators.views.home_section"
