from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from portal.catalogue.figures import base_figures
from portal.site.caching import cache_for_anonymous
from portal.site.home import HomePart

from .models import Facility, Incubator


@cache_for_anonymous
def incubator_list(request):
    incubators = (
        Incubator.objects.published().with_latest_snapshot().prefetch_related("fields_of_work", "services")
    )
    return render(request, "incubators/incubator_list.html", {"incubators": incubators})


@cache_for_anonymous
def incubator_detail(request, slug):
    queryset = (
        Incubator.objects.published()
        .with_latest_snapshot()
        .prefetch_related(
            "fields_of_work",
            "services",
            "photos",
            Prefetch("facilities", queryset=Facility.objects.prefetch_related("equipment")),
        )
    )
    incubator = get_object_or_404(queryset, slug=slug)
    snapshot = incubator.latest_snapshots[0] if incubator.latest_snapshots else None
    return render(request, "incubators/incubator_detail.html", {"incubator": incubator, "snapshot": snapshot})


def home_section() -> list[HomePart]:
    """The bases' cards and figures on the home page (`IncubatorsConfig.home_section`)."""
    incubators = list(Incubator.objects.published().with_latest_snapshot())
    return [HomePart("bases", "incubators/_home_cards.html", incubators, figures=base_figures(incubators))]
