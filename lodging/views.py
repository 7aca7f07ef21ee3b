from django.shortcuts import render

from portal.site.caching import cache_for_anonymous
from portal.site.home import HomePart

from .models import LodgingScheme


@cache_for_anonymous
def scheme_list(request):
    schemes = LodgingScheme.objects.filter(is_published=True)
    return render(request, "lodging/lodgingscheme_list.html", {"schemes": schemes})


def home_section() -> list[HomePart]:
    """The lodging schemes' cards under "Life services" on the home page."""
    return [
        HomePart("life", "lodging/_home_cards.html", list(LodgingScheme.objects.filter(is_published=True)))
    ]
