"""The "7+" community's business transit station, for `make run` and the tests.

Names as in portal/catalogue/catalogue.yaml (the facility "business-transit-station"). The number of
desks and the reminder are the model's defaults: the office's to change, since the document gives none.
"""

from django.db import transaction

from incubators.models import Incubator

from .models import TransitStation

INCUBATOR = "community-7plus"
NAMES = {"zh_hant": "商務中轉站", "en": "Business transit station", "zh_hans": "商务中转站"}


@transaction.atomic
def create() -> TransitStation:
    """Make (or bring back to these names) the station; safe to run again."""
    station, _created = TransitStation.objects.update_or_create(
        slug="business-transit-station",
        defaults={
            "incubator": Incubator.objects.get(slug=INCUBATOR),
            "name": NAMES["zh_hant"],
            **{f"name_{language}": name for language, name in NAMES.items()},
        },
    )
    return station
