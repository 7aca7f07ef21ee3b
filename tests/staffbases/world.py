"""The staff-base rows for the shared walks (tests/worlds.py): one base manager."""

from incubators.models import Incubator
from portal.staffbases.models import StaffBase
from tests.people import create_staff

NAMESPACES: set = set()
PUBLIC: set = set()
APPLICANT: set = set()
STAFF_OUTSIDE_ADMIN: set = set()


def build(owner) -> dict:
    StaffBase.objects.create(
        user=create_staff("base-world"), incubator=Incubator.objects.get(slug="workshop")
    )
    return {}
