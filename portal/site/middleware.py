"""Request guards and response headers that hold for every page, so no view has to remember them."""

import codecs

from django.conf import settings
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from .views import error_page

# Browsers send forms in the page's encoding, and every page is UTF-8; anything else is a tool
# sending something the portal would decode into nonsense.
ACCEPTED_CHARSETS = {"utf-8", "ascii"}


def _charset(request) -> str | None:
    """The charset a request body declares, normalised ("UTF8" → "utf-8"); None when none or unknown."""
    declared = request.content_params.get("charset")
    if not declared:
        return None
    try:
        return codecs.lookup(declared).name
    except LookupError:
        return declared.lower()


class RequestGuardMiddleware:
    """Refuse requests no page could answer sensibly, before any view, form or database sees them.

    - A body declared larger than settings.REQUEST_MAX_BYTES is refused with 413 before it is read
      (Django would only refuse it after buffering the files to disk).
    - A NUL anywhere in the path or query string is a 404: no reference, slug or filter value
      holds one, and PostgreSQL refuses NUL in text, so it must never reach a query.
    - A body in a charset other than UTF-8 gets the 400 page.

    It sits after LocaleMiddleware, so its pages are in the visitor's language, and before
    CsrfViewMiddleware, the first code that reads the body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            raise Http404
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = settings.REQUEST_MAX_BYTES
        if declared > limit:
            # The body stays unread; the WSGI server discards it (a hop-by-hop "Connection: close"
            # is the server's to send, not the application's).
            return error_page(
                request,
                "400.html",
                status=413,
                reason=_(
                    "What you sent is too large (%(size)s). The portal takes at most %(limit)s at a time: "
                    "send large files one by one, or make them smaller."
                )
                % {"size": filesizeformat(declared), "limit": filesizeformat(limit)},
            )
        charset = _charset(request)
        if request.method in {"POST", "PUT", "PATCH"} and charset and charset not in ACCEPTED_CHARSETS:
            return error_page(
                request,
                "400.html",
                status=400,
                reason=_("The form was sent in a character set the portal does not read. Send it as UTF-8."),
            )
        return self.get_response(request)


class ResponseHeadersMiddleware:
    """Headers every response carries: the Permissions-Policy, and no caching of signed-in pages.

    A signed-in page shows a name, applications or staff data: no browser back-button cache,
    proxy or shared computer may keep it. Placed first, so static files get the policy too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers.pop("Expires", None)
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
        return response
