from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy

from lodging.models import LodgingScheme
from portal.applications.journey import Journey
from portal.site.caching import cache_for_anonymous

from .forms import StayDetailsForm
from .models import SCHEME_SLUG, ApartmentApplication, Unit, long_lease_rent


def _scheme() -> LodgingScheme:
    return get_object_or_404(LodgingScheme, slug=SCHEME_SLUG)


@cache_for_anonymous
def unit_list(request):
    scheme = _scheme()
    units = list(Unit.objects.open())
    percent = scheme.long_lease_rent_percent
    for unit in units:
        unit.long_lease_rent = long_lease_rent(unit.market_rent, percent) if percent is not None else None
    return render(request, "apartments/unit_list.html", {"scheme": scheme, "units": units})


# The applicant's journey is the shared one (portal.applications.journey), under the unit applied
# for; the apartment adds the scheme's rules on the start page and the rent, computed on the
# server, on the check page.


def _start_context(profile):
    return {"scheme": _scheme()}


def _check_context(application):
    scheme = _scheme()
    try:
        return {"scheme": scheme, "quote": application.quote(scheme), "quote_errors": []}
    except ValidationError as error:
        return {"scheme": scheme, "quote": None, "quote_errors": error.messages}


journey = Journey(
    model=ApartmentApplication,
    details_form=StayDetailsForm,
    namespace="apartments",
    details_label=gettext_lazy("Your stay"),
    start_context=_start_context,
    check_context=_check_context,
    form_kwargs=lambda: {"scheme": _scheme()},
    select_related=("unit",),
    # Only a published unit can be applied for: the journey looks the unit up in this queryset.
    target_model=Unit.objects.open(),
    target_lookup="slug",
)
