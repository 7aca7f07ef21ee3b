from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy

from portal.applications.journey import Journey

from .forms import ApplicationDetailsForm, CalculatorForm
from .models import SubsidyApplication, SubsidyScheme


def internship_subsidy(request):
    scheme = get_object_or_404(SubsidyScheme.objects.prefetch_related("tiers"), slug="internship-subsidy")
    form = CalculatorForm(request.GET or None, scheme=scheme)
    quote = form.quote if form.is_valid() else None
    return render(
        request, "subsidies/internship_subsidy.html", {"scheme": scheme, "form": form, "quote": quote}
    )


# The applicant's journey is the shared one (portal.applications.journey); the subsidy adds what
# only it knows: the applicant's tier on the start page and the amount on the check page, both
# from the server.


def _scheme():
    return get_object_or_404(SubsidyScheme.objects.prefetch_related("tiers"), slug="internship-subsidy")


def _start_context(profile):
    scheme = _scheme()
    try:
        tier = scheme.tier_for(profile.education)
    except ValidationError:
        tier = None
    return {"scheme": scheme, "tier": tier}


def _check_context(application):
    try:
        return {"quote": application.quote(), "quote_errors": []}
    except ValidationError as error:
        return {"quote": None, "quote_errors": error.messages}


journey = Journey(
    model=SubsidyApplication,
    details_form=ApplicationDetailsForm,
    namespace="subsidies",
    document_kind="proof",
    document_label=gettext_lazy("Proof of internship"),
    details_label=gettext_lazy("Internship details"),
    start_context=_start_context,
    check_context=_check_context,
    form_kwargs=lambda: {"scheme": _scheme()},
    select_related=("host_base",),
)
