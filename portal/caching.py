from functools import wraps

from django.conf import settings
from django.views.decorators.cache import cache_page


def cache_for_anonymous(view):
    """Cache a catalogue page for visitors who are not signed in.

    Signed-in pages carry a name and messages, so they are never shared; anonymous
    catalogue pages set no cookie, so one cached copy per URL and language serves all.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PAGE_CACHE_SECONDS
        # A visitor with a session or a message cookie may see something meant only for them
        # ("You have signed out."): such pages are rendered fresh and never stored.
        personal = settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
        if seconds <= 0 or personal or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        return cache_page(seconds)(view)(request, *args, **kwargs)

    return wrapper
