from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import views

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]

if settings.BENCHMARK:
    urlpatterns.append(path("bench/bare/", views.bench_bare))

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("contact/", views.contact, name="contact"),
    path("privacy/", views.privacy, name="privacy"),
    path("incubators/", include("incubators.urls")),
    path("programmes/", include("programs.urls")),
    path("subsidies/", include("subsidies.urls")),
    path("lodging/", include("lodging.urls")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("portal.account_urls")),
    path("applications/", include("portal.application_urls")),
    path("documents/", include("portal.document_urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

# The portal's own error pages, under /admin/ too (portal/views.py says why not Django's).
handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

admin.site.site_header = _("Futian Hong Kong & Macau Youth Portal: staff")
admin.site.site_title = _("Portal staff")
admin.site.index_title = _("Catalogue and applications")
