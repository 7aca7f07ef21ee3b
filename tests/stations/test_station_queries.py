"""The stations' pages cost the same number of queries however many hotels, nights and bookings."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lodging.stations.services import book_tonight
from tests.people import create_applicant
from tests.stations.helpers import OVERTIME, YOUTH, proof, room_type, youth_stay


def grow(n, start):
    """n more hotels at each station, each with tonight booked and a youth stay of a few nights."""
    for i in range(start, start + n):
        hotel = room_type(OVERTIME, rooms=2)
        youth_room = room_type(YOUTH, rooms=2)
        guest = create_applicant(f"guest{i}@example.com")
        proof(guest)
        book_tonight(applicant=guest, room_type=hotel)
        youth_stay(guest, youth_room, arrival=timezone.localdate() + datetime.timedelta(days=3), nights=3)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["stations:overtime", "stations:youth", "stations:tonight", "lodging:list"])
def test_query_count_is_constant(client, applicant, django_assert_num_queries, name):
    proof(applicant)
    client.force_login(applicant)
    url = reverse(name)
    grow(2, 0)
    queries(client, url)  # warm caches (content types, rules rows)
    few = queries(client, url)
    grow(4, 2)
    with django_assert_num_queries(few):
        assert client.get(url).status_code == 200
