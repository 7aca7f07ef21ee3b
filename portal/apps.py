from django.apps import AppConfig
from django.contrib import admin
from django.contrib.admin import apps as admin_apps
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_migrate
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("Applications and applicants")

    # What the portal's own models add to the staff roles (portal/roles.py); each app adds its own.
    role_permissions = {
        "reviewer": [
            "portal.view_application",
            "portal.change_application",
            "portal.review_application",
            "portal.view_applicantprofile",
            "portal.view_document",
            "portal.view_statuschange",
        ],
        "approver": ["portal.decide_application"],
    }

    def ready(self):
        from django.core import checks

        from .applications.tasks import check_site_url
        from .roles import ensure_roles

        checks.register(check_site_url, checks.Tags.security, deploy=True)

        # Permissions exist only after migrate, so the roles are (re)built then, once per migrate.
        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="portal.ensure_roles")


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with `PortalAdminSite` as `admin.site` (listed in INSTALLED_APPS instead).

    Here, not in `portal.admin`: settings import this class, and that package imports models.
    """

    default = False  # `portal` in INSTALLED_APPS means PortalConfig
    default_site = "portal.apps.PortalAdminSite"

    def ready(self):
        # Before the admin's autodiscovery imports the first form classes (their fields are built
        # then): this is the first of the portal's apps to be ready.
        from portal.site.validators import prohibit_control_characters_in_every_form

        prohibit_control_characters_in_every_form()
        super().ready()


class PortalAdminSite(admin.AdminSite):
    """`admin.site`: only verified staff (`portal.admin.access`) get in, and only through allauth.

    Here, not in `portal.admin`: resolving `admin.site` imports this class, and importing anything
    in `portal.admin` registers the queue on `admin.site`, which would make a second site.
    """

    def has_permission(self, request):
        from portal.admin import access

        return super().has_permission(request) and access.is_verified_staff(request.user)

    def get_urls(self):
        # Django's "view on site" redirect checks no model permission, so its Location header
        # would tell any staff member an object's public address (an application's reference).
        urls = super().get_urls()
        for index, pattern in enumerate(urls):
            if getattr(pattern, "name", None) == "view_on_site":
                urls[index] = path(
                    "r/<int:content_type_id>/<path:object_id>/",
                    self.admin_view(self.view_on_site),
                    name="view_on_site",
                )
        return urls

    def view_on_site(self, request, content_type_id, object_id):
        # Imported here, as every import of models in this module: it is loaded with the settings.
        from django.contrib.contenttypes import views as contenttype_views
        from django.contrib.contenttypes.models import ContentType

        content_type = get_object_or_404(ContentType, pk=content_type_id)
        model = content_type.model_class()
        model_admin = self._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            raise Http404
        return contenttype_views.shortcut(request, content_type_id, object_id)

    def login(self, request, extra_context=None):
        """Not a login form: send each visitor to where they can get into admin, or refuse them."""
        from portal.admin import access

        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            return HttpResponseRedirect(
                f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"
            )
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        if not access.is_verified_staff(user):
            return access.ask_for_totp(request)
        return HttpResponseRedirect(next_url)
