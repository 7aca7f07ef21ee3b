from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "subsidies"
    verbose_name = _("Internship subsidy")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    seed_sections = "subsidies.seed.SECTIONS"
    url_prefix = "subsidies/"
    urls_module = "subsidies.urls"
    catalogue_models = ("subsidyscheme", "subsidytier")
    role_permissions = {
        "reviewer": [
            "subsidies.view_subsidyapplication",
            "subsidies.change_subsidyapplication",
            "subsidies.view_subsidypayment",
        ],
        "data manager": [
            "subsidies.mark_paid",
            "subsidies.view_subsidyapplication",
            "subsidies.view_subsidypayment",
            "subsidies.change_subsidypayment",
        ],
    }
