from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programs.cohorts"
    label = "cohorts"
    verbose_name = _("GBA Youth Entrepreneurship Programme cohorts")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    url_prefix = "gba/"
    urls_module = "programs.cohorts.urls"
    catalogue_actions = {
        "programs.programme:gba-entrepreneurship": ("cohorts:list", _("See the cohorts and apply")),
    }
    role_permissions = {
        # Reviewers score teams and record milestones; approvers also award (portal.decide_application).
        "reviewer": [
            "cohorts.view_cohort",
            "cohorts.view_cohortapplication",
            "cohorts.change_cohortapplication",
            "cohorts.view_milestone",
            "cohorts.add_milestone",
            "cohorts.change_milestone",
            "cohorts.add_score",
            "cohorts.change_score",
            "cohorts.view_score",
        ],
        "approver": ["cohorts.view_cohort", "cohorts.view_cohortapplication", "cohorts.view_score"],
        "data manager": [
            "cohorts.view_cohort",
            "cohorts.add_cohort",
            "cohorts.change_cohort",
            "cohorts.view_criterion",
            "cohorts.add_criterion",
            "cohorts.change_criterion",
            "cohorts.delete_criterion",
        ],
    }
