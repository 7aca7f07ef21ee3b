"""Who may open staff pages: active staff who signed in through allauth and set up an authenticator app.

`is_verified_staff` is the one rule; the admin site and every staff-only view outside it
(`staff_required`, the staff branch of document downloads) ask it, never `is_staff` alone.

The admin's own login form (password only) is never shown: its URL sends visitors to allauth's
login, which asks for the authenticator code of anyone who has one (allauth.mfa's login stage).
Staff without an authenticator app are sent to set one up (allauth also gives them recovery
codes then) before any admin page opens, so every admin session needed a second factor.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
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
