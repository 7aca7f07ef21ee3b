from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("Applications and applicants")

    def ready(self):
        from django.core import checks

        from .roles import ensure_roles
        from .tasks import check_site_url

        checks.register(check_site_url, checks.Tags.security, deploy=True)

        # Permissions exist only after migrate, so the roles are (re)built then, once per migrate.
        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="portal.ensure_roles")
