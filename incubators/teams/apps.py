from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "incubators.teams"
    label = "teams"
    verbose_name = _("Teams")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    url_prefix = "teams/"
    urls_module = "incubators.teams.urls"
    # Reviewers read teams (their figures decide residency); data managers correct them.
    role_permissions = {
        "reviewer": ["teams.view_team", "teams.view_teammember"],
        "data manager": [
            "teams.view_team",
            "teams.change_team",
            "teams.view_teammember",
            "teams.change_teammember",
        ],
    }
