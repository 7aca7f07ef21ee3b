from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from incubators.models import Incubator, Service
from incubators.teams.models import Team
from portal.applications.journey import Journey

from .forms import ResidencyForm
from .models import ResidencyApplication


def _bases():
    services = Service.objects.order_by("order", "pk")
    return Incubator.objects.published().prefetch_related(Prefetch("services", queryset=services))


@require_http_methods(["GET"])
def index(request):
    """Both bases, the services each offers its resident teams, and where to apply."""
    return render(request, "residency/index.html", {"bases": _bases()})


journey = Journey(
    model=ResidencyApplication,
    details_form=ResidencyForm,
    namespace="residency",
    details_label=gettext_lazy("Your team and the services"),
    select_related=("incubator", "team"),
    target_model=Incubator.objects.published(),
    target_lookup="slug",
    start_context=lambda profile: {"has_team": Team.objects.led_by(profile.user).exists()},
)
