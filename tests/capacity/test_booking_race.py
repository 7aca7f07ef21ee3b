"""Many people sending a booking for the last places at once, through the booking workflow.

The same scenarios as test_capacity_race.py, one level up: each client starts its own booking of a
test scheme (tests/schemes/models.py) and sends it with `workflow.perform`, which locks the person
and the application, holds the places or joins the waiting list, and confirms at once. On
PostgreSQL the clients really race (tests/capacity/race.py); on SQLite they take turns.
"""

import datetime
import os
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from portal.applications.workflow import perform
from portal.capacity.models import Hold, Place, WaitlistEntry
from portal.capacity.services import PlaceFull
from portal.models import Status
from tests.capacity.race import run_clients
from tests.schemes.models import Room, RoomStay, Workshop, WorkshopSeat

CLIENTS = 200
# Each booking holds its place's row lock from holding to commit (the person, the application,
# the status change, the portal's confirmation), so bookings of one place go one at a time:
# ~45 a second on two shared cores: the acceptance's 20 rounds take about 4 minutes on
# PostgreSQL, where the clients race in threads. SQLite runs them one after another (it has no
# row locks to race on), so 3 rounds show the same outcome there. RACE_ROUNDS overrides both.
ROUNDS = int(os.environ.get("RACE_ROUNDS", "20" if connection.vendor == "postgresql" else "3"))
SEATS = 10
FIRST_NIGHT = timezone.localdate() + datetime.timedelta(days=100)


@pytest.fixture
def people(transactional_db, settings):
    """CLIENTS accounts, made once; each round is a new workshop or night, so none claims twice."""
    # Emails are queued, not rendered: the race is about places, and 8,000 emails would be most of it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    User = get_user_model()
    User.objects.bulk_create(
        User(username=f"racer{i}@example.com", email=f"racer{i}@example.com") for i in range(CLIENTS)
    )
    return list(User.objects.filter(username__startswith="racer").order_by("pk"))


def send(application):
    """What a person does on the check page: send it. Refused when full and there is no waiting list."""
    try:
        perform(application, "request", actor=application.applicant, expected_status=Status.DRAFT)
    except PlaceFull:
        return "refused"
    return application.status


def counted(place):
    place.refresh_from_db()
    rows = Hold.objects.current().filter(place=place).aggregate(total=Sum("quantity"))["total"] or 0
    return place.held, rows


@pytest.mark.parametrize("kind", ["session seats", "session seats, no waiting list", "room on one night"])
def test_two_hundred_bookings_for_ten_places(people, kind):
    room = Room.objects.create(name="Race room", slug="race-room", rooms=SEATS)
    took = 0.0
    for round_ in range(ROUNDS):
        if kind.startswith("session"):
            starts = timezone.now() + datetime.timedelta(days=10, hours=round_)
            target = Workshop.objects.create(
                name=f"Race {round_}",
                slug=f"race-{round_}",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=1),
                seats=SEATS,
                waiting_list="no waiting list" not in kind,
            )

            def start(i, target=target):
                return WorkshopSeat.objects.create(applicant=people[i], workshop=target)
        else:
            night = FIRST_NIGHT + datetime.timedelta(days=round_)

            def start(i, night=night):
                return RoomStay.objects.create(
                    applicant=people[i], room=room, arrive=night, leave=night + datetime.timedelta(days=1)
                )

        started = time.perf_counter()
        outcomes, errors = run_clients(lambda i, start=start: send(start(i)), CLIENTS)
        took += time.perf_counter() - started

        assert errors == [], f"round {round_}: {len(errors)} errors, e.g. {errors[:3]}"
        (place,) = (
            start(0).places()
            if kind.startswith("session")
            else Place.objects.nights(room, [night], size=SEATS)
        )
        assert counted(place) == (SEATS, SEATS), f"round {round_}: held ≠ {SEATS}"
        assert outcomes.count(Status.CONFIRMED) == SEATS
        late = "refused" if "no waiting list" in kind else Status.WAITLISTED
        assert outcomes.count(late) == CLIENTS - SEATS, set(outcomes)
        holders = set(Hold.objects.current().filter(place=place).values_list("application", flat=True))
        confirmed = set(
            WorkshopSeat.objects.filter(workshop__slug=f"race-{round_}", status=Status.CONFIRMED).values_list(
                "pk", flat=True
            )
            if kind.startswith("session")
            else RoomStay.objects.filter(arrive=night, status=Status.CONFIRMED).values_list("pk", flat=True)
        )
        assert holders == confirmed
        waiting = WaitlistEntry.objects.filter(place=place, status=WaitlistEntry.Status.WAITING)
        assert waiting.count() == (0 if late == "refused" else CLIENTS - SEATS)
    print(f"\n{kind} through the workflow on {connection.vendor}: {ROUNDS * CLIENTS / took:.0f} bookings/s")


def test_stays_racing_single_nights_never_overbook_a_night(people):
    size, rounds = 3, 3
    room = Room.objects.create(name="Small room", slug="small-room", rooms=size)
    took = 0.0
    for round_ in range(rounds):
        first = FIRST_NIGHT + datetime.timedelta(days=10 * round_)
        nights = [first + datetime.timedelta(days=n) for n in range(3)]

        def start(i, nights=nights):
            # Every third person wants the three nights; the others one of them, in turn.
            arrive, leave = (nights[0], nights[-1]) if i % 3 == 0 else (nights[i % 3], nights[i % 3])
            return RoomStay.objects.create(
                applicant=people[i], room=room, arrive=arrive, leave=leave + datetime.timedelta(days=1)
            )

        started = time.perf_counter()
        outcomes, errors = run_clients(lambda i, start=start: send(start(i)), CLIENTS)
        took += time.perf_counter() - started

        assert errors == [], f"round {round_}: {len(errors)} errors, e.g. {errors[:3]}"
        assert set(outcomes) <= {Status.CONFIRMED, Status.WAITLISTED}
        for night in Place.objects.nights(room, nights, size=size):
            held, rows = counted(night)
            assert held == rows <= size
        for stay in RoomStay.objects.filter(arrive=nights[0], leave=nights[-1] + datetime.timedelta(days=1)):
            assert Hold.objects.current().filter(application=stay).count() in {0, 3}, "part of a stay held"
    print(
        f"\nstays and nights through the workflow on {connection.vendor}: "
        f"{rounds * CLIENTS / took:.0f} bookings/s"
    )
