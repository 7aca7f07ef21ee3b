"""The portal's URLs plus a second journey with no templates of its own, for test_journey.py."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy

from portal.applications.journey import Journey
from portal.urls import urlpatterns as portal_urlpatterns
from subsidies.forms import ApplicationDetailsForm
from subsidies.models import SubsidyApplication
from subsidies.views import _scheme

# A scheme that writes no page of its own: only its model, its form (and its admin).
plain = Journey(
    model=SubsidyApplication,
    details_form=ApplicationDetailsForm,
    namespace="plain",
    document_kind="proof",
    document_label=gettext_lazy("Proof of internship"),
    form_kwargs=lambda: {"scheme": _scheme()},
    template_dir="no-such-scheme",
)

urlpatterns = [*portal_urlpatterns, *i18n_patterns(path("plain/", include((plain.urls(), "plain"))))]
