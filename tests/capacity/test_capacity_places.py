"""Holding places all or nothing, the waiting list with its offers, and changing a size."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from portal.capacity.models import Hold, Offer, Place, WaitlistEntry
from portal.capacity.services import (
    AlreadyHeld,
    NoOffer,
    OfferExpired,
    PlaceFull,
    accept_offer,
    expire_offers,
    hold,
    join_waitlist,
    release,
    resize,
)

ARRIVAL = datetime.date(2026, 12, 20)


def three_nights(room, size):
    return Place.objects.nights(room, [ARRIVAL + datetime.timedelta(days=n) for n in range(3)], size=size)


def seats(session, size):
    return Place.objects.create(target=session, size=size)


def fresh(place):
    return Place.objects.with_availability().get(pk=place.pk)


def test_a_stay_holds_every_night_or_none(room, applications):
    first, second = applications(2)
    nights = three_nights(room, size=1)
    hold([nights[1]], application=first)

    with pytest.raises(PlaceFull) as refused:
        hold(nights, application=second)

    assert [place.pk for place in refused.value.places] == [nights[1].pk]
    assert "full" in refused.value.messages[0] and "21" in refused.value.messages[0]
    assert [fresh(night).held for night in nights] == [0, 1, 0]
    assert not Hold.objects.filter(application=second).exists()


def test_a_stay_with_room_holds_each_night_once(room, applications):
    (guest,) = applications(1)
    nights = three_nights(room, size=2)

    holds = hold(nights, application=guest)

    assert sorted(h.place_id for h in holds) == [night.pk for night in nights]
    assert [fresh(night).available for night in nights] == [1, 1, 1]


def test_the_same_application_cannot_hold_a_place_twice(session, applications):
    (applicant,) = applications(1)
    place = seats(session, size=5)
    hold([place], application=applicant)

    with pytest.raises(AlreadyHeld):
        hold([place], application=applicant)
    assert fresh(place).held == 1


def test_the_database_refuses_overbooking_even_without_the_service(session):
    place = seats(session, size=1)
    Place.objects.filter(pk=place.pk).update(held=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        Place.objects.filter(pk=place.pk).update(held=F("held") + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Place.objects.filter(pk=place.pk).update(held=-1)


def test_an_unlimited_place_never_fills(session, applications):
    place = seats(session, size=None)

    for applicant in applications(30):
        hold([place], application=applicant, quantity=3)

    place = fresh(place)
    assert place.held == 90 and place.available is None


def test_a_night_exists_once_however_often_it_is_asked_for(room):
    first = three_nights(room, size=2)
    again = three_nights(room, size=9)

    assert [place.pk for place in again] == [place.pk for place in first]
    assert [place.size for place in again] == [2, 2, 2]
    with pytest.raises(IntegrityError), transaction.atomic():
        Place.objects.create(target=room, day=ARRIVAL, size=1)


def test_a_released_place_is_offered_to_the_first_in_line_with_an_expiry(session, applications, settings):
    settings.CAPACITY_OFFER_HOURS = 24
    holder, first, second = applications(3)
    place = seats(session, size=1)
    hold([place], application=holder)
    for waiting in (first, second):
        with pytest.raises(PlaceFull):
            hold([place], application=waiting)
        join_waitlist([place], application=waiting)

    before = timezone.now()
    release(application=holder)

    offer = Offer.objects.get()
    assert offer.application_id == first.pk
    assert (
        before + datetime.timedelta(hours=24)
        <= offer.expires_at
        <= timezone.now() + datetime.timedelta(hours=24)
    )
    place = fresh(place)
    assert (place.held, place.offered, place.waiting, place.available) == (1, 1, 1, 0)
    assert WaitlistEntry.objects.get(application=first).status == WaitlistEntry.Status.OFFERED


def test_an_accepted_offer_becomes_a_hold(session, applications):
    holder, waiting = applications(2)
    place = seats(session, size=1)
    hold([place], application=holder)
    join_waitlist([place], application=waiting)
    release(application=holder)

    accept_offer(application=waiting)

    assert not Offer.objects.exists()
    kept = Hold.objects.current().get()
    assert kept.application_id == waiting.pk and kept.expires_at is None
    assert WaitlistEntry.objects.get(application=waiting).status == WaitlistEntry.Status.ACCEPTED
    with pytest.raises(NoOffer):
        accept_offer(application=waiting)


def test_an_expired_offer_moves_on_to_the_next_in_line(session, applications):
    holder, first, second = applications(3)
    place = seats(session, size=1)
    hold([place], application=holder)
    join_waitlist([place], application=first)
    join_waitlist([place], application=second)
    release(application=holder)
    too_late = Offer.objects.get().expires_at + datetime.timedelta(seconds=1)

    with pytest.raises(OfferExpired):
        accept_offer(application=first, now=too_late)
    assert expire_offers(now=too_late).expired == 1

    assert Offer.objects.get().application_id == second.pk
    assert WaitlistEntry.objects.get(application=first).status == WaitlistEntry.Status.EXPIRED
    assert fresh(place).held == 1


def test_expire_offers_runs_from_cron(session, applications, capsys):
    holder, waiting = applications(2)
    place = seats(session, size=1)
    hold([place], application=holder)
    join_waitlist([place], application=waiting)
    release(application=holder)
    Offer.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    call_command("expire_offers")

    assert "1 expired, 0 offered" in capsys.readouterr().out
    assert fresh(place).held == 0 and not Offer.objects.exists()


def test_an_offer_waits_for_every_night_of_a_stay(room, applications):
    one_night, stay, other_night = applications(3)
    nights = three_nights(room, size=1)
    hold([nights[0]], application=one_night)
    hold([nights[2]], application=other_night)
    join_waitlist(nights, application=stay)

    release(application=one_night)
    assert not Offer.objects.exists(), "the third night is still taken"

    release(application=other_night)
    assert sorted(offer.place_id for offer in Offer.objects.filter(application=stay)) == [
        n.pk for n in nights
    ]


def test_someone_first_in_line_for_a_full_night_does_not_block_the_others(room, applications):
    blocker, single_a, stay, later = applications(4)
    nights = three_nights(room, size=1)
    hold([nights[0]], application=single_a)
    hold([nights[2]], application=blocker)
    join_waitlist(nights, application=stay)
    join_waitlist([nights[0]], application=later)

    release(application=single_a)

    assert Offer.objects.get().application_id == later.pk


def test_joining_a_waiting_list_with_room_offers_the_place_at_once(session, applications):
    (applicant,) = applications(1)
    place = seats(session, size=1)

    join_waitlist([place], application=applicant)

    assert Offer.objects.get().application_id == applicant.pk


def test_the_scheme_hears_of_an_offer_after_commit(
    session, applications, monkeypatch, django_capture_on_commit_callbacks
):
    from django.apps import apps

    told = []
    Application = apps.get_model("portal", "Application")
    monkeypatch.setattr(
        Application,
        "place_offered",
        lambda self, *, places, expires_at: told.append((self.pk, places)),
        raising=False,
    )
    holder, waiting = applications(2)
    place = seats(session, size=1)
    hold([place], application=holder)
    join_waitlist([place], application=waiting)

    with django_capture_on_commit_callbacks(execute=True):
        release(application=holder)

    assert told == [(waiting.pk, [place])]


def test_a_size_cannot_go_below_what_is_held_or_offered(session, applications):
    holder, offered = applications(2)
    place = seats(session, size=2)
    hold([place], application=holder)
    join_waitlist([place], application=offered)

    with pytest.raises(ValidationError) as refused:
        resize(place, size=1)

    assert refused.value.message_dict == {
        "size": ["2 places are held or offered; the size cannot be lower than that."]
    }
    assert fresh(place).size == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        Place.objects.filter(pk=place.pk).update(size=1)


def test_a_larger_size_goes_to_the_waiting_list(session, applications):
    holder, waiting = applications(2)
    place = seats(session, size=1)
    hold([place], application=holder)
    join_waitlist([place], application=waiting)

    place = resize(place, size=2)

    assert place.size == 2 and place.held == 2
    assert Offer.objects.get().application_id == waiting.pk
    assert resize(place, size=None).size is None


def test_availability_costs_the_same_queries_for_one_place_or_fifty(
    session, applications, django_assert_num_queries
):
    def count(places):
        return [
            (p.held, p.offered, p.waiting, p.available)
            for p in Place.objects.with_availability().filter(pk__in=[p.pk for p in places])
        ]

    first = Place.objects.nights(session, [ARRIVAL], size=3)
    hold(first, application=applications(1)[0])
    with django_assert_num_queries(1):
        assert count(first) == [(1, 0, 0, 2)]

    many = Place.objects.nights(session, [ARRIVAL + datetime.timedelta(days=n) for n in range(50)], size=3)
    for applicant in applications(2):
        hold(many[:10], application=applicant)
    with django_assert_num_queries(1):
        rows = count(many)
    # The first night is the one held above as well.
    assert len(rows) == 50 and rows[:2] == [(3, 0, 0, 0), (2, 0, 0, 1)] and rows[-1] == (0, 0, 0, 3)


def test_cron_offers_a_place_that_has_room_while_someone_waits(session, applications):
    # As when someone joins while a release holds the locks and is passed over by it.
    (late,) = applications(1)
    place = seats(session, size=1)
    WaitlistEntry.objects.create(place=place, application=late)

    assert expire_offers() == (0, 1)

    assert Offer.objects.get().application_id == late.pk
