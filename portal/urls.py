from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal.capacity import views as capacity_views
from portal.site import views

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]

if settings.BENCHMARK:
    urlpatterns.append(path("bench/bare/", views.bench_bare))
    # A public page that reads places' availability, for the booking page's ratio (scripts/bench.py).
    urlpatterns.append(path("bench/places/", capacity_views.bench_places))

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("contact/", views.contact, name="contact"),
    path("privacy/", views.privacy, name="privacy"),
    # Each app's pages, under the prefix it declares (`AppConfig.url_prefix`, `urls_module`).
    *(
        path(config.url_prefix, include(config.urls_module))
        for config in apps.get_app_configs()
        if getattr(config, "urls_module", None)
    ),
    path("accounts/", include("allauth.urls")),
    path("me/", include("portal.accounts.urls")),
    path("applications/", include("portal.applications.urls")),
    path("documents/", include("portal.applications.document_urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

# The portal's own error pages, under /admin/ too (portal/site/views.py says why not Django's).
handler400 = "portal.site.views.bad_request"
handler403 = "portal.site.views.permission_denied"
handler404 = "portal.site.views.page_not_found"
handler500 = "portal.site.views.server_error"

admin.site.site_header = _("Futian Hong Kong & Macau Youth Portal: staff")
admin.site.site_title = _("Portal staff")
admin.site.index_title = _("Catalogue and applications")
