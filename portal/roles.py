"""Staff roles as groups. Kept in code so every database has the same roles with the same rights."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

CATALOGUE_APPS = ["incubators", "programs", "lodging", "subsidies"]
REVIEWER_PERMS = [
    "portal.view_application",
    "portal.change_application",
    "portal.review_application",
    "portal.view_applicantprofile",
    "portal.view_document",
    "portal.view_statuschange",
    "subsidies.view_subsidyapplication",
    "subsidies.change_subsidyapplication",
    "subsidies.view_subsidypayment",
]
ROLES = {
    "reviewer": REVIEWER_PERMS,
    "approver": [*REVIEWER_PERMS, "portal.decide_application"],
    "data manager": [
        "subsidies.mark_paid",
        "subsidies.view_subsidyapplication",
        "subsidies.view_subsidypayment",
        "subsidies.change_subsidypayment",
    ],
}
# Data managers also edit the whole catalogue.
CATALOGUE_MODELS = {
    "incubators": [
        "incubator",
        "service",
        "facility",
        "equipment",
        "statisticssnapshot",
        "photo",
        "fieldofwork",
    ],
    "programs": ["programme", "feature", "figure", "coursecategory", "activity", "audience"],
    "lodging": ["lodgingscheme"],
    "subsidies": ["subsidyscheme", "subsidytier"],
}


def _catalogue_perms():
    return [
        f"{app}.{action}_{model}"
        for app, models in CATALOGUE_MODELS.items()
        for model in models
        for action in ("view", "add", "change", "delete")
    ]


def ensure_roles(using="default", **kwargs):
    """Create or update the staff groups; safe to run after every migrate."""
    # Apps after `portal` get their permissions later in the same post_migrate round: make them now.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    wanted = dict(ROLES)
    wanted["data manager"] = [*ROLES["data manager"], *_catalogue_perms()]
    for name, codes in wanted.items():
        group, _created = Group.objects.get_or_create(name=name)
        perms = []
        for code in codes:
            app_label, codename = code.split(".")
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                perms.append(perm)
        group.permissions.set(perms)
