"""The applicant's side of every scheme: My applications, one application, answering staff,
withdrawing, and downloading a document. Scheme pages (e.g. subsidies/views.py) only fill drafts.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.admin.access import ask_for_totp, is_verified_staff
from portal.capacity import bookings
from portal.capacity.models import Offer
from portal.models import ApplicantProfile, Application, Consent, Document, Status

from .forms import RespondForm, WithdrawForm
from .services import respond
from .workflow import REVIEWER, ROLE_PERMISSIONS, TransitionError, available_actions, perform

PAGE_SIZE = 20


def next_step(application: Application) -> str:
    """What the applicant has to do now, as their scheme's lifecycle says."""
    state = application.lifecycle.state(application.status)
    return state.next_step if state else ""


def applicant_profile(user) -> ApplicantProfile | None:
    return ApplicantProfile.objects.filter(user=user).first()


def unless_ready_to_apply(request, profile: ApplicantProfile | None):
    """A redirect to the profile (and back here after) when the applicant cannot apply yet, else None.

    Every application needs the profile and each consent given for the current privacy notice.
    """
    if profile is None:
        messages.info(request, _("Fill in your profile first: every application uses it."))
    elif not Consent.has_current_consents(request.user):
        messages.info(
            request,
            _("Applications need your consents under the current privacy notice: please give them first."),
        )
    else:
        return None
    return redirect(f"{reverse('profile:edit')}?{urlencode({'next': request.get_full_path()})}")


def edit_url(application: Application) -> str:
    """Where the applicant continues a draft, without a query for the scheme's row.

    Every scheme's `get_edit_url` needs only the reference, so a stand-in of the scheme's
    model built from the base row gives the right URL for each row of a list.
    """
    model = Application.registry.get(application.scheme)
    if model is None:
        return application.get_edit_url()
    return model(pk=application.pk, reference=application.reference, scheme=application.scheme).get_edit_url()


def _own(request, reference) -> Application:
    """The signed-in applicant's application (any scheme); anyone else's is a 404."""
    return get_object_or_404(Application.objects.for_user(request.user), reference=reference)


@login_required
@require_http_methods(["GET"])
def application_list(request):
    applications = Application.objects.for_user(request.user).order_by("-created_at", "-pk")
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    Application.load_targets(page)
    spans = bookings.spans(page)
    for application in page:
        application.span = spans.get(application.pk)
        application.next_step = next_step(application)
        if application.status in application.lifecycle.drafts:
            application.action_url, application.action_label = edit_url(application), _("Continue")
        elif application.status == Status.MORE_INFO:
            application.action_url = reverse("applications:respond", args=[application.reference])
            application.action_label = _("Answer")
        elif application.status == Status.WAITLISTED:
            # Whether a place is on offer is on the application's page (one query per row here).
            application.action_url, application.action_label = application.get_absolute_url(), _("See")
        else:
            application.action_url, application.action_label = None, None
    return render(request, "portal/application_list.html", {"page_obj": page, "applications": page})


def _actions(user, application):
    """The applicant's buttons: each action the workflow allows them, with the page that takes it."""
    urls = {
        "submit": (edit_url(application), _("Continue your application")),
        "resubmit": (reverse("applications:respond", args=[application.reference]), _("Answer our question")),
        "withdraw": (reverse("applications:withdraw", args=[application.reference]), _("Withdraw")),
    }
    # A booking lifecycle's names for the same pages.
    urls["request"] = urls["submit"]
    urls["cancel"] = (urls["withdraw"][0], _("Cancel the booking"))
    if Offer.objects.filter(application=application).exists():
        urls["accept_offer"] = (
            reverse("applications:accept", args=[application.reference]),
            _("Take the place"),
        )
    return [
        {"action": t.action, "url": urls[t.action][0], "label": urls[t.action][1]}
        for t in available_actions(user, application)
        if t.action in urls
    ]


@login_required
@require_http_methods(["GET"])
def application_detail(request, reference):
    application = _own(request, reference).specific
    span = bookings.span(application)
    context = {
        "application": application,
        "span": span,
        "offer": Offer.objects.filter(application=application).order_by("expires_at").first(),
        "calendar": span is not None and application.status in bookings.HAVING_STATUSES,
        "next_step": next_step(application),
        "actions": _actions(request.user, application),
        # While staff wait for an answer, their question is what the applicant must read first.
        "question": _last_question(application) if application.status == Status.MORE_INFO else None,
        "documents": application.documents.all(),
        "changes": application.changes.all(),
        # Each scheme may show its own fields; schemes without a partial show none.
        "summary_templates": [
            f"{application._meta.app_label}/_application_summary.html",
            "portal/_application_summary.html",
        ],
    }
    return render(request, "portal/application_detail.html", context)


def _last_question(application):
    return application.changes.filter(action="request_info").order_by("-at", "-pk").first()


@login_required
@require_http_methods(["GET", "POST"])
def application_respond(request, reference):
    application = _own(request, reference)
    if application.status != Status.MORE_INFO:
        messages.info(
            request,
            _("Application %(reference)s is not waiting for an answer from you.")
            % {"reference": application.reference},
        )
        return redirect(application)
    form = RespondForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            respond(
                application,
                message=form.cleaned_data["message"],
                uploads=form.cleaned_data["files"],
                user=request.user,
            )
        except TransitionError as error:
            messages.error(request, error.messages[0])
            return redirect(application)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your answer is sent. We will email you when anything changes."))
            return redirect(application)
    context = {"application": application, "form": form, "question": _last_question(application)}
    return render(request, "portal/application_respond.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_withdraw(request, reference):
    # The scheme's own row: a booking's cancellation cut-off is the scheme's.
    application = _own(request, reference).specific
    # "withdraw" in review, "cancel" for a booking.
    action = application.lifecycle.withdraw_action.action
    booking = application.lifecycle.name == "booking"
    if not any(t.action == action for t in available_actions(request.user, application)):
        messages.info(
            request,
            _("Application %(reference)s can no longer be withdrawn: it is “%(status)s”.")
            % {"reference": application.reference, "status": application.get_status_display()},
        )
        return redirect(application)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            perform(application, action, actor=request.user, note=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            done = (
                _("Booking %(reference)s is cancelled.")
                if booking
                else _("Application %(reference)s is withdrawn.")
            )
            messages.success(request, done % {"reference": application.reference})
        return redirect(application)
    context = {
        "application": application,
        "form": form,
        "booking": booking,
        "span": bookings.span(application) if booking else None,
        "cutoff": application.cancel_cutoff() if booking else None,
    }
    return render(request, "portal/application_withdraw.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_accept(request, reference):
    """Take the place offered from the waiting list, before the offer expires."""
    application = _own(request, reference).specific
    offer = Offer.objects.filter(application=application).order_by("expires_at").first()
    if offer is None or application.status != Status.WAITLISTED:
        messages.info(request, _("There is no place on offer for %(reference)s.") % {"reference": reference})
        return redirect(application)
    if request.method == "POST":
        try:
            perform(application, "accept_offer", actor=request.user, expected_status=Status.WAITLISTED)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("The place is yours: %(reference)s is “%(status)s”.")
                % {"reference": reference, "status": application.get_status_display()},
            )
        return redirect(application)
    context = {"application": application, "offer": offer, "span": bookings.span(application)}
    return render(request, "portal/application_accept.html", context)


@login_required
@require_http_methods(["GET"])
def application_calendar(request, reference):
    """The booking as an .ics file for the applicant's calendar, once the place is theirs."""
    application = _own(request, reference).specific
    calendar = None
    if application.status in bookings.HAVING_STATUSES:
        calendar = bookings.ics(application, site_url=request.build_absolute_uri("/"))
    if calendar is None:
        nothing = _("%(reference)s has no booked time to add to a calendar.")
        messages.info(request, nothing % {"reference": reference})
        return redirect(application)
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{application.reference}.ics"'
    return response


def _documents_for(user):
    """Documents `user` may download: their own, or any if they are verified staff allowed to review."""
    if is_verified_staff(user) and user.has_perm(ROLE_PERMISSIONS[REVIEWER]):
        return Document.objects.all()
    return Document.objects.filter(application__applicant=user)


@login_required
@require_http_methods(["GET"])
def document_download(request, pk):
    document = _documents_for(request.user).filter(pk=pk).first()
    if document is None:
        # Staff without an authenticator app are told how to get one, whether or not the
        # document exists, so the answer says nothing about it; anyone else gets a plain 404.
        if request.user.is_staff and not is_verified_staff(request.user):
            return ask_for_totp(request)
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Identity documents must not linger in shared or browser caches.
    response["Cache-Control"] = "private, no-store"
    return response
