from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_supported_language_variant
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.cache import never_cache

from .caching import cache_for_anonymous
from .home import home_context


def language_from_header(header: str) -> str:
    """Pick the portal language for an Accept-Language header; Traditional Chinese when unsure.

    zh-HK, zh-MO, zh-TW and zh-Hant map to Traditional; zh-CN, zh-SG and zh-Hans to
    Simplified; a bare "zh" is taken as Traditional, the portal's audience being in HK and Macau.
    """
    for tag, _quality in parse_accept_lang_header(header or ""):
        tag = tag.lower()
        if tag in {"zh", "zh-hk", "zh-mo", "zh-tw"} or tag.startswith("zh-hant"):
            return "zh-hant"
        if tag in {"zh-cn", "zh-sg"} or tag.startswith("zh-hans"):
            return "zh-hans"
        if tag == "en" or tag.startswith("en-"):
            return "en"
        try:
            return get_supported_language_variant(tag)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


@never_cache
def root_redirect(request):
    language = language_from_header(request.headers.get("Accept-Language", ""))
    response = HttpResponseRedirect(f"/{language}/")
    response["Vary"] = "Accept-Language"
    return response


@cache_for_anonymous
def home(request):
    return render(request, "portal/home.html", home_context())


@cache_for_anonymous
def contact(request):
    return render(request, "portal/contact.html")


@cache_for_anonymous
def privacy(request):
    return render(request, "portal/privacy.html")


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    checks = {"database": "ok", "cache": "ok", "migrations": "ok"}
    try:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            checks["migrations"] = "unapplied"
    except DatabaseError:
        checks["database"] = "unreachable"
        checks["migrations"] = "unknown"
    try:
        cache.set("readyz", "1", 5)
        if cache.get("readyz") != "1":
            checks["cache"] = "unreachable"
    except Exception:  # noqa: BLE001 - any cache client error means "not ready"
        checks["cache"] = "unreachable"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ready" if ready else "not ready", "checks": checks}, status=200 if ready else 503
    )


def bench_bare(request):
    """The floor `make bench` measures pages against: routing and a response, nothing else."""
    return HttpResponse(b"ok", content_type="text/plain")


# Error pages. Django's own handlers would also find templates/4xx.html, but render 400 without
# the request (no header, no language links) and know nothing of the portal's reasons.


def error_page(request, template_name: str, *, status: int, reason: str = ""):
    """The portal's page for an error, in the visitor's language, with the site's header."""
    context = {"reason": reason, "status": status}
    try:
        request.get_host()
    except DisallowedHost:
        # The page's links would ask for the host again and fail: render it without the request.
        return HttpResponse(loader.render_to_string(template_name, context), status=status)
    return render(request, template_name, context, status=status)


def bad_request(request, exception):
    return error_page(request, "400.html", status=400)


def permission_denied(request, exception):
    return error_page(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form without a valid CSRF token: mostly a page left open past the session, or sent twice."""
    return error_page(
        request,
        "403.html",
        status=403,
        reason=_(
            "This form was open too long, or was sent from another site, so it was not accepted. "
            "Go back, reload the page and send it again."
        ),
    )


def page_not_found(request, exception):
    return error_page(request, "404.html", status=404)


def server_error(request):
    """The 500 page: a plain template, no request context, so it renders with the database down."""
    return HttpResponseServerError(loader.get_template("500.html").render())
