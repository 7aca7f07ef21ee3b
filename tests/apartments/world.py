"""The talent apartment's rows and URLs for the shared walks (see tests/worlds.py)."""

import datetime

from django.utils import timezone

from lodging.apartments.models import ApartmentApplication, Unit
from portal.applications.workflow import perform

NAMESPACES = {"apartments"}
PUBLIC = {"apartments:units"}
APPLICANT = {
    "apartments:apply",
    "apartments:apply_details",
    "apartments:apply_check",
    "apartments:apply_done",
}
STAFF_OUTSIDE_ADMIN = set()


def build(owner) -> dict:
    unit, _created = Unit.objects.get_or_create(
        slug="world-unit", defaults={"name_en": "World unit", "name_zh_hant": "世界單位", "market_rent": 4000}
    )
    start = timezone.localdate() + datetime.timedelta(days=30)
    application = ApartmentApplication.objects.create(
        applicant=owner, unit=unit, kind=ApartmentApplication.Kind.LONG_LEASE, starts_on=start, months=2
    )
    perform(application, "submit", actor=owner)
    draft = ApartmentApplication.objects.create(applicant=owner, unit=unit)
    return {"application": application, "draft": draft, "values": {"target": unit.slug}}
