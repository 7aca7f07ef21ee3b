from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from portal.catalogue.figures import programme_figures
from portal.site.caching import cache_for_anonymous
from portal.site.home import HomePart

from .filters import ProgrammeFilter
from .models import Programme


@cache_for_anonymous(filters=ProgrammeFilter)
def programme_list(request):
    queryset = Programme.objects.published().prefetch_related("audiences", "figures")
    programme_filter = ProgrammeFilter(request.GET, queryset=queryset)
    programmes = programme_filter.qs.distinct() if programme_filter.is_valid() else queryset.none()
    return render(
        request,
        "programs/programme_list.html",
        {"filter": programme_filter, "programmes": programmes, "today": timezone.localdate()},
    )


@cache_for_anonymous
def programme_detail(request, slug):
    queryset = (
        Programme.objects.published()
        .select_related("subsidy_scheme")
        .prefetch_related(
            "audiences", "features", "figures", "course_categories", "activities", "subsidy_scheme__tiers"
        )
    )
    programme = get_object_or_404(queryset, slug=slug)
    return render(request, "programs/programme_detail.html", {"programme": programme})


def home_section() -> list[HomePart]:
    """Programmes and life services on the home page, with every programme's figures."""
    programmes = list(Programme.objects.published().prefetch_related("figures"))
    return [
        HomePart(
            "programmes",
            "programs/_home_cards.html",
            [p for p in programmes if p.group == Programme.Group.PROGRAMMES],
            figures=programme_figures(programmes),
        ),
        # After the other life services (the lodging schemes), as the page always listed them.
        HomePart(
            "life",
            "programs/_home_cards.html",
            [p for p in programmes if p.group == Programme.Group.LIFE],
            order=1,
        ),
    ]
