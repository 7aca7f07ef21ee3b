"""The test schemes' rows for the shared walks (tests/worlds.py): a row of every model their admin
registers, and a waiting list with an offer so the capacity admin's lists have rows too.

Their journeys are mounted only in tests/portal/booking_urls.py, not in the portal's URLs, so
they name no namespace here.
"""

import datetime

from django.utils import timezone

from portal.applications.workflow import perform
from portal.capacity.models import Place
from portal.capacity.services import join_waitlist

from .models import Room, RoomLease, RoomStay, Workshop, WorkshopSeat

NAMESPACES = ()
PUBLIC: set = set()
APPLICANT: set = set()
STAFF_OUTSIDE_ADMIN: set = set()


def build(owner):
    starts = timezone.now() + datetime.timedelta(days=30)
    workshop = Workshop.objects.create(
        name="World workshop",
        slug="world-workshop",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    seat = WorkshopSeat.objects.create(applicant=owner, workshop=workshop)
    perform(seat, "request", actor=owner)
    draft = WorkshopSeat.objects.create(
        applicant=owner,
        workshop=Workshop.objects.create(
            name="World draft",
            slug="world-draft",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
        ),
    )
    room = Room.objects.create(name="World room", slug="world-room", rooms=1)
    arrive = timezone.localdate() + datetime.timedelta(days=60)
    stay = RoomStay.objects.create(
        applicant=owner, room=room, arrive=arrive, leave=arrive + datetime.timedelta(days=1)
    )
    perform(stay, "request", actor=owner)
    lease = RoomLease.objects.create(
        applicant=owner,
        room=room,
        arrive=arrive + datetime.timedelta(days=10),
        leave=arrive + datetime.timedelta(days=12),
    )
    perform(lease, "submit", actor=owner)
    # The night the stay holds is full: the lease waits for it; an empty one is offered at once.
    (night,) = stay.places()
    join_waitlist([night], application=lease)
    join_waitlist([Place.objects.create(target=room, size=1)], application=draft)
    return {"application": seat, "draft": draft, "values": {"target": workshop.slug}}
