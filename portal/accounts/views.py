"""The applicant's own pages under me/: the profile, their data as a download, closing the account.

Everything here is about the signed-in user only: there is no id in these URLs, so nobody can
reach anyone else's profile or data. Sign-in, email and password pages are allauth's.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from portal.applications.journey import offers_for
from portal.models import ApplicantProfile, Consent

from .forms import CloseAccountForm, ConsentForm, ProfileForm
from .services import close_account, export_data, export_filename, save_profile


def safe_next(request) -> str | None:
    """The `next` URL given with the request, if it stays on this site."""
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


@login_required
@never_cache
@require_GET
def profile_detail(request):
    profile = ApplicantProfile.objects.filter(user=request.user).first()
    latest = Consent.latest_for(request.user)
    consents = [(kind, latest.get(kind.value)) for kind in Consent.Kind]
    return render(
        request,
        "portal/profile_detail.html",
        {
            "profile": profile,
            "consents": consents,
            "consents_current": Consent.has_current_consents(request.user),
            "notice_version": settings.PRIVACY_NOTICE_VERSION,
            "offers": offers_for(request.user) if profile else [],
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    profile = ApplicantProfile.objects.filter(user=request.user).first()
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, instance=profile, user=request.user)
    consent_form = ConsentForm(data, user=request.user)
    if request.method == "POST" and form.is_valid() and consent_form.is_valid():
        try:
            save_profile(user=request.user, values=form.cleaned_data, consents=consent_form.states)
        except ValidationError as error:  # another account saved the same document a moment ago
            form.add_error(None, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect(safe_next(request) or "profile:detail")
    return render(
        request,
        "portal/profile_edit.html",
        {
            "form": form,
            "consent_form": consent_form,
            "creating": profile is None,
            "next": safe_next(request),
            "notice_version": settings.PRIVACY_NOTICE_VERSION,
            "consents_outdated": profile is not None and not Consent.has_current_consents(request.user),
        },
    )


@login_required
@never_cache
@require_GET
def data_export(request):
    """All the applicant's data as a JSON file (the profile's identity number in full: it is theirs)."""
    content = json.dumps(export_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename()}"'
    return response


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def account_close(request):
    user = request.user
    if user.is_staff:
        # Staff accounts carry roles and an audit trail: an administrator removes them.
        return render(request, "portal/profile_close.html", {"staff": True}, status=403)
    form = CloseAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        close_account(user)
        logout(request)
        messages.success(request, _("Your account is closed and your personal data deleted. Thank you."))
        return redirect("home")
    profile = ApplicantProfile.objects.filter(user=user).first()
    return render(
        request,
        "portal/profile_close.html",
        {
            "form": form,
            "profile": profile,
            "application_count": user.applications.count(),
        },
    )
