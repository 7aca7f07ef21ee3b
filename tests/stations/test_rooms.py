"""Rooms are places: each night a Place of the room type; staff change the number of rooms in admin."""

import datetime

from django.urls import reverse
from django.utils import timezone

from lodging.stations.demo import create
from lodging.stations.models import RoomType
from lodging.stations.services import book_tonight
from portal.capacity.models import Place
from tests.markup import form_data, parse
from tests.people import create_applicant
from tests.stations.helpers import YOUTH, proof, room_type, youth_stay


def change(admin_client_mfa, room, **changes):
    url = reverse("admin:stations_roomtype_change", args=[room.pk])
    data = {**form_data(parse(admin_client_mfa.get(url).content).find(id="roomtype_form")), **changes}
    return admin_client_mfa.post(url, data)


def test_changing_the_rooms_resizes_future_nights(admin_client_mfa, youth_room):
    stay = youth_stay(create_applicant("a@example.com"), youth_room, nights=3)
    past = youth_room.nights([timezone.localdate() - datetime.timedelta(days=3)])[0]
    response = change(admin_client_mfa, youth_room, rooms="4")
    assert response.status_code == 302, parse(response.content).find(cls="errornote")
    sizes = {p.day: p.size for p in Place.objects.for_target(youth_room)}
    assert [sizes[day] for day in stay.night_dates()] == [4, 4, 4]
    assert sizes[past.day] == 1  # the past is kept as it was
    youth_room.refresh_from_db()
    assert youth_room.rooms == 4


def test_fewer_rooms_than_booked_is_refused_with_a_message(admin_client_mfa, youth_room):
    youth_room.rooms = 2
    youth_room.save()
    day = timezone.localdate() + datetime.timedelta(days=4)
    youth_stay(create_applicant("a@example.com"), youth_room, arrival=day, nights=1)
    youth_stay(create_applicant("b@example.com"), youth_room, arrival=day, nights=1)
    response = change(admin_client_mfa, youth_room, rooms="1", hotel_en="Renamed")
    assert response.status_code == 200
    assert "2 places are held or offered" in parse(response.content).find("main").text
    youth_room.refresh_from_db()
    assert youth_room.rooms == 2 and youth_room.hotel_en != "Renamed"
    assert {p.size for p in Place.objects.for_target(youth_room)} == {2}


def test_adding_a_room_offers_it_to_the_waiting_list(admin_client_mfa, youth_room):
    day = timezone.localdate() + datetime.timedelta(days=4)
    youth_stay(create_applicant("a@example.com"), youth_room, arrival=day, nights=1)
    waiting = youth_stay(create_applicant("b@example.com"), youth_room, arrival=day, nights=1)
    assert waiting.status == "waitlisted"
    change(admin_client_mfa, youth_room, rooms="2")
    assert waiting.holds.filter(released_at__isnull=True, expires_at__isnull=False).exists()


def test_tonight_takes_a_place_of_the_room_type(hotel):
    applicant = create_applicant("a@example.com")
    proof(applicant)
    book_tonight(applicant=applicant, room_type=hotel)
    place = Place.objects.for_target(hotel).get()
    assert place.day == timezone.localdate() and place.size == 1 and place.held == 1


def test_demo_rows_are_made_once(db):
    first = create()
    again = create()
    assert [r.pk for r in first] == [r.pk for r in again]
    assert RoomType.objects.count() == 2 and {r.scheme.slug for r in first} == {"overtime-station", YOUTH}


def test_the_rules_admin_opens(admin_client_mfa, youth_room):
    room_type(YOUTH)
    response = admin_client_mfa.get(reverse("admin:stations_stationrules_changelist"))
    assert response.status_code == 200
