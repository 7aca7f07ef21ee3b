from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programs"
    verbose_name = _("Programmes")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    seed_sections = "programs.seed.SECTIONS"
    url_prefix = "programmes/"
    urls_module = "programs.urls"
    catalogue_models = ("programme", "feature", "figure", "coursecategory", "activity", "audience")
    home_section = "programs.views.home_section"
