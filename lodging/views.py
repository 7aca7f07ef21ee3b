from django.shortcuts import render

from portal.caching import cache_for_anonymous

from .models import LodgingScheme


@cache_for_anonymous
def scheme_list(request):
    schemes = LodgingScheme.objects.filter(is_published=True)
    return render(request, "lodging/lodgingscheme_list.html", {"schemes": schemes})
