"""Staff roles as groups. Kept in code so every database has the same roles with the same rights."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

# Each role's rights come from the apps (`AppConfig.role_permissions`, role -> permission codes);
# a role also has the rights of the roles it includes.
ROLES = {
    "reviewer": (),
    "approver": ("reviewer",),
    "data manager": (),
}
# Data managers also edit the whole catalogue: every model an app lists in `catalogue_models`.
CATALOGUE_EDITOR = "data manager"


def role_permissions() -> dict[str, list[str]]:
    """Each role's permission codes ("app_label.codename"), gathered from every app."""
    own: dict[str, list[str]] = {role: [] for role in ROLES}
    for config in apps.get_app_configs():
        for role, codes in getattr(config, "role_permissions", {}).items():
            own[role].extend(codes)
        own[CATALOGUE_EDITOR].extend(
            f"{config.label}.{action}_{model}"
            for model in getattr(config, "catalogue_models", ())
            for action in ("view", "add", "change", "delete")
        )
    return {
        role: list(dict.fromkeys([*own[role], *(code for other in included for code in own[other])]))
        for role, included in ROLES.items()
    }


def ensure_roles(using="default", **kwargs):
    """Create or update the staff groups; safe to run after every migrate."""
    # Apps after `portal` get their permissions later in the same post_migrate round: make them now.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    for name, codes in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=name)
        perms = []
        for code in codes:
            app_label, codename = code.split(".")
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                perms.append(perm)
        group.permissions.set(perms)
