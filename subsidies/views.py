from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.application_forms import DocumentUploadForm
from portal.application_views import applicant_profile, unless_ready_to_apply
from portal.models import Status
from portal.services import attach_document, remove_document, save_draft, start_draft
from portal.workflow import TransitionError, perform

from .forms import ApplicationDetailsForm, CalculatorForm
from .models import SubsidyApplication, SubsidyScheme


def internship_subsidy(request):
    scheme = get_object_or_404(SubsidyScheme.objects.prefetch_related("tiers"), slug="internship-subsidy")
    form = CalculatorForm(request.GET or None, scheme=scheme)
    quote = form.quote if form.is_valid() else None
    return render(
        request, "subsidies/internship_subsidy.html", {"scheme": scheme, "form": form, "quote": quote}
    )


# The applicant's journey: start → details → documents → check → done. Each step is a plain page
# working on the draft; the draft is saved at every step, so the applicant may stop and come back.

SCHEME_SLUG = "internship-subsidy"
PROOF = "proof"


def _scheme():
    return get_object_or_404(SubsidyScheme.objects.prefetch_related("tiers"), slug=SCHEME_SLUG)


def _own(request, reference):
    """The signed-in applicant's own subsidy application; anyone else's is a 404."""
    queryset = SubsidyApplication.objects.for_user(request.user).select_related("host_base")
    return get_object_or_404(queryset, reference=reference)


def _not_editable(request, application):
    """A redirect to the application's page when it is no longer a draft, else None."""
    if application.status == Status.DRAFT:
        return None
    messages.info(
        request,
        _("Application %(reference)s is “%(status)s”: it can no longer be changed.")
        % {"reference": application.reference, "status": application.get_status_display()},
    )
    return redirect(application)


def _tier(scheme, profile):
    try:
        return scheme.tier_for(profile.education)
    except ValidationError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def apply(request):
    scheme = _scheme()
    profile = applicant_profile(request.user)
    if response := unless_ready_to_apply(request, profile):
        return response
    if request.method == "POST":
        draft, created = start_draft(SubsidyApplication, applicant=request.user)
        if not created:
            messages.info(
                request,
                _("You already have a draft application (%(reference)s): continue it.")
                % {"reference": draft.reference},
            )
        return redirect("subsidies:apply_details", draft.reference)
    draft = SubsidyApplication.objects.for_user(request.user).filter(status=Status.DRAFT).first()
    context = {"scheme": scheme, "profile": profile, "tier": _tier(scheme, profile), "draft": draft}
    return render(request, "subsidies/apply_start.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def apply_details(request, reference):
    application = _own(request, reference)
    if response := _not_editable(request, application):
        return response
    form = ApplicationDetailsForm(request.POST or None, instance=application, scheme=_scheme())
    if request.method == "POST" and form.is_valid():
        try:
            save_draft(form.instance, fields=form.Meta.fields)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(application)
        if "later" in request.POST:
            messages.success(
                request,
                _("Draft %(reference)s is saved. Continue it from My applications.")
                % {"reference": application.reference},
            )
            return redirect("applications:list")
        return redirect("subsidies:apply_documents", application.reference)
    return render(request, "subsidies/apply_details.html", {"application": application, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def apply_documents(request, reference):
    application = _own(request, reference)
    if response := _not_editable(request, application):
        return response
    label = _("Proof of internship")
    form = DocumentUploadForm(label=label)
    if request.method == "POST":
        remove = request.POST.get("remove", "")
        if remove:
            if not remove.isdigit():
                raise Http404
            document = get_object_or_404(application.documents.all(), pk=remove)
            try:
                remove_document(document)
            except ValidationError as error:
                messages.error(request, error.messages[0])
                return redirect(application)
            messages.success(request, _("“%(name)s” is removed.") % {"name": document.original_name})
            return redirect("subsidies:apply_documents", application.reference)
        form = DocumentUploadForm(request.POST, request.FILES, label=label)
        if form.is_valid():
            try:
                document = attach_document(
                    application, form.cleaned_data["file"], kind=PROOF, user=request.user
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("“%(name)s” is uploaded.") % {"name": document.original_name})
                return redirect("subsidies:apply_documents", application.reference)
    context = {"application": application, "form": form, "documents": application.documents.all()}
    return render(request, "subsidies/apply_documents.html", context)


def _already_sent(request, application):
    """Where a second "Submit" lands: the confirmation if it was submitted, else the application."""
    if application.submitted_at is not None and application.status != Status.WITHDRAWN:
        messages.info(
            request,
            _("Application %(reference)s is already submitted.") % {"reference": application.reference},
        )
        return redirect("subsidies:apply_done", application.reference)
    return _not_editable(request, application)


@login_required
@require_http_methods(["GET", "POST"])
def apply_check(request, reference):
    application = _own(request, reference)
    profile = applicant_profile(request.user)
    submit_errors = []
    if request.method == "POST":
        if application.status != Status.DRAFT:
            return _already_sent(request, application)
        if response := unless_ready_to_apply(request, profile):
            return response
        try:
            # Nothing from the form is read: the amount comes from the profile, computed in `check_before`.
            perform(application, "submit", actor=request.user, expected_status=Status.DRAFT)
        except TransitionError as error:
            application.refresh_from_db(fields=["status", "submitted_at"])
            if application.status != Status.DRAFT:
                return _already_sent(request, application)
            submit_errors = error.messages
        except ValidationError as error:
            submit_errors = error.messages
        else:
            messages.success(
                request, _("Application %(reference)s is submitted.") % {"reference": application.reference}
            )
            return redirect("subsidies:apply_done", application.reference)
    elif response := _not_editable(request, application) or unless_ready_to_apply(request, profile):
        return response
    try:
        quote, quote_errors = application.quote(), []
    except ValidationError as error:
        quote, quote_errors = None, error.messages
    context = {
        "application": application,
        "profile": profile,
        "documents": [d for d in application.documents.all() if d.kind == PROOF],
        "quote": quote,
        "quote_errors": quote_errors,
        "submit_errors": submit_errors,
    }
    return render(request, "subsidies/apply_check.html", context)


@login_required
@require_http_methods(["GET"])
def apply_done(request, reference):
    application = _own(request, reference)
    if application.status == Status.DRAFT:
        return redirect("subsidies:apply_check", application.reference)
    return render(request, "subsidies/apply_done.html", {"application": application})
