from django.shortcuts import render
from django.utils.translation import gettext_lazy

from incubators.teams.models import Team
from portal.applications.journey import Journey
from portal.capacity import bookings

from .forms import TransitDeskForm
from .models import TransitDeskApplication, TransitStation


def index(request):
    """The station: who it is for, the document's half year and the office's rules, and the way to apply."""
    stations = TransitStation.objects.open().select_related("incubator")
    return render(request, "transit/index.html", {"stations": stations})


def _start_context(profile):
    return {"teams": list(Team.objects.led_by(profile.user)) if profile else []}


def _check_context(application):
    # The shared "places" panel counts nights; for a desk the team wants one sentence: is a desk
    # free on every day of the half year (staff still decide, and approval takes it).
    availability = bookings.availability(application)
    return {"availability": None, "desk_availability": availability}


journey = Journey(
    model=TransitDeskApplication,
    details_form=TransitDeskForm,
    namespace="transit",
    details_label=gettext_lazy("Your team and start date"),
    start_context=_start_context,
    check_context=_check_context,
    select_related=("station", "team"),
    target_model=TransitStation.objects.open(),
    target_lookup="slug",
)
