"""The stations' writes that span models: a room tonight in one step, and changing a number of rooms."""

from django.db import transaction
from django.utils import timezone

from portal.applications.services import save_draft, start_draft
from portal.applications.workflow import perform
from portal.capacity import services as capacity
from portal.capacity.models import Place
from portal.models import Status

from .models import OvertimeStay, RoomType


def book_tonight(*, applicant, room_type: RoomType) -> OvertimeStay:
    """Book `room_type` for tonight (local date) and send it, all or nothing.

    The workflow confirms it at once when a room is free. A full night, a second room the same
    night or a missing proof raise ValidationError, and nothing is left behind: not even a draft.
    """
    with transaction.atomic():
        stay, _created = start_draft(OvertimeStay, applicant=applicant, target=room_type)
        stay.night = timezone.localdate()
        save_draft(stay, fields=["night"])
        perform(stay, "request", actor=applicant, expected_status=Status.DRAFT)
    return stay


def future_nights(room_type: RoomType) -> list[Place]:
    """The room type's nights from today on, in primary-key order (the order capacity locks in)."""
    return list(Place.objects.for_target(room_type).filter(day__gte=timezone.localdate()).order_by("pk"))


def check_rooms(room_type: RoomType, rooms: int) -> None:
    """Raise ValidationError if a future night already holds more rooms than `rooms`.

    Locks those nights as `capacity.resize` will, so a check made in the admin's transaction still
    holds when `set_rooms` writes.
    """
    for place in future_nights(room_type):
        capacity.locked_for_resize(place).check_size(rooms)


def set_rooms(room_type: RoomType) -> RoomType:
    """Save `room_type` and give every future night its number of rooms, in one transaction.

    Refused (ValidationError, nothing saved) if a night already holds more than that; added rooms
    go to the waiting list at once (`capacity.resize`).
    """
    with transaction.atomic():
        room_type.save()
        for place in future_nights(room_type):
            if place.size != room_type.rooms:
                capacity.resize(place, size=room_type.rooms)
    return room_type
