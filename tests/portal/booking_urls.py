"""The portal's URLs plus the journeys of the test schemes (tests/schemes/): a booking, a seat at
a workshop, and applications each for one target, mounted under it; for test_booking.py,
test_targets.py and tests/capacity/."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from incubators.models import Incubator
from portal.applications.journey import Journey
from portal.urls import urlpatterns as portal_urlpatterns
from tests.schemes.models import (
    SessionBooking,
    SessionBookingForm,
    UnitApplication,
    UnitApplicationForm,
    Workshop,
    WorkshopSeat,
    WorkshopSeatForm,
)

booked = Journey(
    model=SessionBooking,
    details_form=SessionBookingForm,
    namespace="booked",
    document_kind="id",
    document_label="Identity document",
    template_dir="no-such-scheme",
)

units = Journey(
    model=UnitApplication,
    details_form=UnitApplicationForm,
    namespace="units",
    document_kind="id",
    document_label="Identity document",
    template_dir="no-such-scheme",
    target_model=Incubator,
    target_lookup="slug",
)

# A scheme with places: no documents, a seat at one workshop, confirmed at once or waiting.
workshops = Journey(
    model=WorkshopSeat,
    details_form=WorkshopSeatForm,
    namespace="workshops",
    template_dir="no-such-scheme",
    target_model=Workshop,
    select_related=("workshop",),
)

urlpatterns = [
    *portal_urlpatterns,
    *i18n_patterns(
        path("booked/", include((booked.urls(), "booked"))),
        path("units/", include((units.urls(), "units"))),
        path("workshops/", include((workshops.urls(), "workshops"))),
    ),
]
