"""The stations' rows and URLs for the shared URL walks (tests/worlds.py)."""

from django.utils import timezone

from lodging.stations.models import OvertimeStay, StationRules
from lodging.stations.services import book_tonight
from tests.stations.helpers import OVERTIME, YOUTH, proof, room_type, youth_stay

NAMESPACES = ["stations"]
PUBLIC = {"stations:overtime", "stations:youth"}
APPLICANT = {
    "stations:tonight",
    "stations:apply",
    "stations:apply_details",
    "stations:apply_check",
    "stations:apply_done",
    "stations:proof:apply",
    "stations:proof:apply_details",
    "stations:proof:apply_documents",
    "stations:proof:apply_check",
    "stations:proof:apply_done",
}
STAFF_OUTSIDE_ADMIN = set()


def build(owner) -> dict:
    StationRules.for_station(OVERTIME)
    StationRules.for_station(YOUTH)
    hotel = room_type(OVERTIME, rooms=2)
    youth_room = room_type(YOUTH, rooms=2)
    approved = proof(owner)
    tonight = book_tonight(applicant=owner, room_type=hotel)
    assert isinstance(tonight, OvertimeStay) and tonight.night == timezone.localdate()
    application = youth_stay(owner, youth_room)
    draft = youth_stay(owner, youth_room, arrival=application.departure, send=False)
    return {
        "application": application,
        "draft": draft,
        "values": {"target": youth_room.slug, "proof": approved.reference},
    }
