from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Model
from django.http import QueryDict
from django.views.decorators.cache import cache_page


def canonical_query(request, filters) -> str | None:
    """The query string that decides what the page shows, or None when the filters refuse it.

    Only the parameters of `filters` (a django-filter FilterSet) count, each in its cleaned
    form, so "?category=training&x=1", "?x=2&category=training" and "?category=training" are
    one page. Without filters no parameter counts.
    """
    if filters is None:
        return ""
    form = filters(request.GET).form
    if not form.is_valid():
        return None
    pairs = []
    for name, value in form.cleaned_data.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            if item in (None, "", False):
                continue
            if item is True:
                item = "on"
            elif isinstance(item, Model):
                item = getattr(item, getattr(form.fields[name], "to_field_name", None) or "pk")
            pairs.append((name, str(item)))
    return urlencode(sorted(pairs))


def cache_for_anonymous(view=None, *, filters=None):
    """Cache a catalogue page for visitors who are not signed in.

    Signed-in pages carry a name and messages, so they are never shared; anonymous
    catalogue pages set no cookie, so one cached copy per URL and language serves all.
    The copy is keyed on the page's own filters only (`filters`, a FilterSet): any other query
    parameter is dropped before the view runs, and values the filters refuse are rendered
    fresh and not kept, so made-up query strings cannot fill the cache.
    """
    if view is None:
        return lambda view: cache_for_anonymous(view, filters=filters)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PAGE_CACHE_SECONDS
        # A visitor with a session or a message cookie may see something meant only for them
        # ("You have signed out."): such pages are rendered fresh and never stored.
        personal = settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
        if seconds <= 0 or personal or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        query = canonical_query(request, filters)
        if query is None:
            return view(request, *args, **kwargs)
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)
        return cache_page(seconds)(view)(request, *args, **kwargs)

    return wrapper
