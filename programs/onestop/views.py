from django.shortcuts import render
from django.utils.translation import gettext_lazy

from portal.applications.journey import Journey
from programs.models import Office

from .forms import AgencyRequestForm, CounsellingForm
from .models import AgencyRequest, AgencyStep, CounsellingAppointment, OnestopRules, Service, ServiceBatch


def _counselling_context(profile):
    return {"rules": OnestopRules.current(), "office": Office.current()}


def _agency_context(profile):
    """Each service with the office's steps, so the applicant knows what follows (two queries)."""
    steps = {value: [] for value in Service.values}
    for step in AgencyStep.objects.order_by("service", "order", "pk"):
        steps.setdefault(step.service, []).append(step)
    services = [{"label": label, "steps": steps[value]} for value, label in Service.choices]
    return {"services": services, "office": Office.current()}


counselling_journey = Journey(
    model=CounsellingAppointment,
    details_form=CounsellingForm,
    namespace="onestop:counselling",
    details_label=gettext_lazy("Your appointment"),
    start_context=_counselling_context,
    template_dir="onestop/counselling",
)

agency_journey = Journey(
    model=AgencyRequest,
    details_form=AgencyRequestForm,
    namespace="onestop:agency",
    document_kind="authorisation",
    document_label=gettext_lazy("Signed authorisation letter"),
    details_label=gettext_lazy("The service"),
    start_context=_agency_context,
    template_dir="onestop/agency",
)


def index(request):
    """The office's two ways in, its rules and how to reach it: public, for the catalogue's page."""
    context = {
        "rules": OnestopRules.current(),
        "office": Office.current(),
        "batches": ServiceBatch.figures()["batches"],
        "counselling": counselling_journey,
        "agency": agency_journey,
        **_agency_context(None),
    }
    return render(request, "onestop/index.html", context)
