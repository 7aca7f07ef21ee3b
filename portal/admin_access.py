"""Who may open staff pages: active staff who signed in through allauth and set up an authenticator app.

`is_verified_staff` is the one rule; the admin site and every staff-only view outside it
(`staff_required`, the staff branch of document downloads) ask it, never `is_staff` alone.

The admin's own login form (password only) is never shown: its URL sends visitors to allauth's
login, which asks for the authenticator code of anyone who has one (allauth.mfa's login stage).
Staff without an authenticator app are sent to set one up (allauth also gives them recovery
codes then) before any admin page opens, so every admin session needed a second factor.
"""

from functools import wraps

from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _


def has_totp(user) -> bool:
    """Whether `user` has an authenticator app (TOTP) set up; remembered on the user for the request.

    The admin asks this several times while rendering one page (each_context, the app list).
    """
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_portal_has_totp", None)
    if cached is None:
        # allauth.mfa's models may only be imported once the apps are loaded.
        from allauth.mfa.models import Authenticator

        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._portal_has_totp = cached
    return cached


def is_verified_staff(user) -> bool:
    """Whether `user` may see anything staff-only: active staff with an authenticator app set up.

    Recovery codes alone do not count: they are a way back in, not a second factor to live on.
    """
    return bool(user.is_authenticated and user.is_active and user.is_staff and has_totp(user))


def ask_for_totp(request):
    """Send a staff member without an authenticator app to set one up, saying why."""
    messages.warning(
        request,
        _(
            "Staff pages hold applicants' personal data, so they need a second step at sign-in. "
            "Set up an authenticator app here (you will also get recovery codes to keep safe), "
            "then open the staff pages again."
        ),
    )
    return HttpResponseRedirect(reverse("mfa_activate_totp"))


def staff_required(perm: str | None = None):
    """Decorate a staff-only view outside the admin: verified staff only, with `perm` if given.

    Visitors who are not signed in go to sign in; staff without an authenticator app go to set
    one up; anyone else (applicants, staff without `perm`) gets 403.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                # Imported here: this module is loaded as an AppConfig, before auth's forms may be.
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            if not (user.is_active and user.is_staff):
                raise PermissionDenied
            if not is_verified_staff(user):
                return ask_for_totp(request)
            if perm and not user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class PortalAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and is_verified_staff(request.user)

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
        # Imported here: this module is loaded as an AppConfig, before models may be.
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
        if not is_verified_staff(user):
            return ask_for_totp(request)
        return HttpResponseRedirect(next_url)


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin with `PortalAdminSite` as `admin.site` (listed in INSTALLED_APPS instead)."""

    default_site = "portal.admin_access.PortalAdminSite"

    def ready(self):
        # Before the admin's autodiscovery imports the first form classes (their fields are built
        # then): this is the first of the portal's apps to be ready.
        from portal.validators import prohibit_control_characters_in_every_form

        prohibit_control_characters_in_every_form()
        super().ready()
