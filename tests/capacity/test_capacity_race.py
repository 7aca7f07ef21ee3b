"""Many people asking for the last places at once.

On PostgreSQL the clients are real threads, each with its own connection, released together by a
barrier, so the row locks and constraints are what keeps the count right. SQLite runs one writer
at a time whatever we do, so there the same scenario runs one client after another and must end
in the same state: the test checks the outcome, and the database decides how much of it races.
"""

import datetime
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Sum

from portal.capacity.models import Hold, Place, WaitlistEntry
from portal.capacity.services import PlaceFull, hold, join_waitlist, release
from tests.capacity.race import run_clients
from tests.factories import ProgrammeFactory

CLIENTS = 200
ROUNDS = 20
SEATS = 10
NIGHT = datetime.date(2026, 12, 24)


def book_or_wait(places, application, *, cancels=False):
    """What a person does: take the places, or join the waiting list when they are full."""
    try:
        hold(places, application=application)
    except PlaceFull:
        try:
            join_waitlist(places, application=application)
        except ValidationError:
            return "refused"
        return "waitlisted"
    if cancels:
        # Changing their mind at once: the place goes back, to the waiting list if anyone is on it.
        release(application=application)
        return "cancelled"
    return "held"


def counted(place):
    """The counter, and what the hold rows say it should be."""
    place.refresh_from_db()
    rows = Hold.objects.current().filter(place=place).aggregate(total=Sum("quantity"))["total"] or 0
    return place.held, rows


@pytest.mark.parametrize("kind", ["session seats", "room on one night"])
def test_two_hundred_people_for_ten_places(transactional_db, applications, room, kind):
    took = 0.0
    for round_ in range(ROUNDS):
        if kind == "session seats":
            # One session per round (a place per target, so each round seats a new session).
            place = Place.objects.create(target=ProgrammeFactory(), size=SEATS)
        else:
            (place,) = Place.objects.nights(room, [NIGHT + datetime.timedelta(days=round_)], size=SEATS)
        people = applications(CLIENTS)

        started = time.perf_counter()
        outcomes, errors = run_clients(
            lambda i, place=place, people=people: book_or_wait([place], people[i], cancels=i % 25 == 0),
            CLIENTS,
        )
        took += time.perf_counter() - started

        assert errors == [], f"round {round_}: {len(errors)} errors, e.g. {errors[:3]}"
        assert len(outcomes) == CLIENTS
        assert set(outcomes) <= {"held", "waitlisted", "cancelled"}
        assert counted(place) == (SEATS, SEATS), f"round {round_}: held ≠ {SEATS}"
        holders = set(Hold.objects.current().filter(place=place).values_list("application", flat=True))
        assert len(holders) == SEATS
        still_waiting = WaitlistEntry.objects.filter(place=place, status=WaitlistEntry.Status.WAITING)
        assert still_waiting.count() == outcomes.count("waitlisted") - (SEATS - outcomes.count("held"))
        assert not still_waiting.filter(application__in=holders).exists()
    print(f"\n{kind} on {connection.vendor}: {ROUNDS * CLIENTS / took:.0f} attempts/s")


def test_stays_racing_single_nights_never_overbook_a_night(transactional_db, applications, room):
    size, rounds = 3, 3
    took = 0.0
    for round_ in range(rounds):
        start = NIGHT + datetime.timedelta(days=10 * round_)
        nights = Place.objects.nights(room, [start + datetime.timedelta(days=n) for n in range(3)], size=size)
        people = applications(CLIENTS)
        # Every third person wants the three nights; the others one of them, in turn.
        wants = [nights if i % 3 == 0 else [nights[i % 3]] for i in range(CLIENTS)]

        started = time.perf_counter()
        outcomes, errors = run_clients(
            lambda i, wants=wants, people=people: book_or_wait(wants[i], people[i], cancels=i % 20 == 1),
            CLIENTS,
        )
        took += time.perf_counter() - started

        assert errors == [], f"round {round_}: {len(errors)} errors, e.g. {errors[:3]}"
        for night in nights:
            held, rows = counted(night)
            assert held == rows <= size
        for i in range(0, CLIENTS, 3):
            assert Hold.objects.current().filter(application=people[i]).count() in {0, 3}, (
                "part of a stay held"
            )
    print(f"\nstays and nights on {connection.vendor}: {rounds * CLIENTS / took:.0f} attempts/s")
