from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from portal.caching import cache_for_anonymous

from .models import Facility, Incubator, StatisticsSnapshot


def _latest_snapshots():
    return Prefetch(
        "snapshots", queryset=StatisticsSnapshot.objects.latest_per_incubator(), to_attr="latest_snapshots"
    )


@cache_for_anonymous
def incubator_list(request):
    incubators = Incubator.objects.published().prefetch_related(
        "fields_of_work", "services", _latest_snapshots()
    )
    return render(request, "incubators/incubator_list.html", {"incubators": incubators})


@cache_for_anonymous
def incubator_detail(request, slug):
    queryset = Incubator.objects.published().prefetch_related(
        "fields_of_work",
        "services",
        "photos",
        Prefetch("facilities", queryset=Facility.objects.prefetch_related("equipment")),
        _latest_snapshots(),
    )
    incubator = get_object_or_404(queryset, slug=slug)
    snapshot = incubator.latest_snapshots[0] if incubator.latest_snapshots else None
    return render(request, "incubators/incubator_detail.html", {"incubator": incubator, "snapshot": snapshot})
