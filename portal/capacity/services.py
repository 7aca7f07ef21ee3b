"""Holding places and the waiting list: the only code that changes `Place.held`.

Every function is one transaction, and every one starts the same way: it locks all the place rows
it may touch, in primary-key order, in one statement. Two transactions therefore never wait on
each other in a circle (no deadlocks), and whatever they then read about those places is exact
until they commit. The counter itself moves by conditional UPDATEs, and the CheckConstraints on
`Place` refuse anything that would still slip past (docs/adr/0008-one-capacity-mechanism.md).

A freed place goes to the waiting list in the same transaction that frees it: the first in line
whose places all have room now gets an offer (a hold with an expiry). Someone first in line for
three nights when only one is free is passed over, not allowed to block the others.
"""

import datetime
from collections import defaultdict
from functools import partial
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Min, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Hold, Offer, Place, WaitlistEntry

WAITING = WaitlistEntry.Status.WAITING
OFFERED = WaitlistEntry.Status.OFFERED


class PlaceFull(ValidationError):
    """Not enough room on one or more of the places asked for; nothing was held."""

    def __init__(self, places):
        self.places = list(places)
        # Lazy: naming a place reads its target, and a caller that goes on to the waiting list
        # never shows the message.
        super().__init__(lazy(_full_message, str)(self.places), code="full")


def _full_message(places):
    # A year's lease may clash on hundreds of nights: name the first few.
    names = "; ".join(str(place) for place in places[:5])
    if len(places) > 5:
        names = _("%(names)s and %(more)d more") % {"names": names, "more": len(places) - 5}
    return ngettext("This is full: %(places)s.", "These are full: %(places)s.", len(places)) % {
        "places": names
    }


class AlreadyHeld(ValidationError):
    def __init__(self):
        super().__init__(_("This application already holds one of these places."), code="already_held")


class AlreadyWaiting(ValidationError):
    def __init__(self):
        super().__init__(_("This application is already on a waiting list."), code="already_waiting")


class NoOffer(ValidationError):
    def __init__(self):
        super().__init__(_("There is no open offer of a place to accept."), code="no_offer")


class OfferExpired(ValidationError):
    def __init__(self, expires_at):
        super().__init__(
            _("This offer expired at %(time)s.")
            % {"time": date_format(timezone.localtime(expires_at), "DATETIME_FORMAT")},
            code="offer_expired",
        )


class Expiry(NamedTuple):
    expired: int  # offers ended (hold rows released)
    offered: int  # applications offered the places again


# Room for one more, as the database sees it.
HAS_ROOM = Q(size__isnull=True) | Q(held__lt=F("size"))


def _room_for(quantity):
    return Q(size__isnull=True) | Q(held__lte=F("size") - quantity)


def _ids(places) -> set[int]:
    return {place if isinstance(place, int) else place.pk for place in places}


def _lock(place_ids) -> None:
    list(Place.objects.select_for_update().filter(pk__in=place_ids).order_by("pk").values_list("pk"))


def _waiting_behind(place_ids) -> set[int]:
    """Every place the applications waiting on `place_ids` wait for (an offer may need them all)."""
    waiting = WaitlistEntry.objects.filter(status=WAITING)
    applications = waiting.filter(place__in=place_ids).values("application")
    return set(waiting.filter(application__in=applications).values_list("place", flat=True))


def _take(place_ids, *, application_id, quantity, expires_at=None) -> list[Hold]:
    """Add `quantity` to every place or to none. The caller holds the row locks; nothing is
    written before a refusal, so a caller may try the next person without a savepoint."""
    if quantity < 1:
        raise ValidationError(_("Ask for at least one place."), code="quantity")
    # Exact, because the rows are locked; it names the full places for the message.
    full = list(Place.objects.filter(pk__in=place_ids).exclude(_room_for(quantity)))
    if full:
        raise PlaceFull(full)
    if (
        application_id is not None
        and Hold.objects.current().filter(place__in=place_ids, application_id=application_id).exists()
    ):
        raise AlreadyHeld()
    updated = (
        Place.objects.filter(pk__in=place_ids).filter(_room_for(quantity)).update(held=F("held") + quantity)
    )
    if updated != len(place_ids):
        raise PlaceFull(Place.objects.filter(pk__in=place_ids))
    return Hold.objects.bulk_create(
        Hold(place_id=pk, application_id=application_id, quantity=quantity, expires_at=expires_at)
        for pk in sorted(place_ids)
    )


def _notify_offer(application_id, place_ids, expires_at):
    """Tell the scheme, after commit: its application may define `place_offered(places=, expires_at=)`."""
    application = apps.get_model("portal", "Application").objects.get(pk=application_id).specific
    hook = getattr(application, "place_offered", None)
    if hook:
        hook(places=list(Place.objects.filter(pk__in=place_ids)), expires_at=expires_at)


def _offer(place_ids, *, locked, now) -> int:
    """Offer room on `place_ids` to the waiting list, first come first served. Returns offers made."""

    def with_room():
        # Exact, since the rows are locked; it only spares trying people who cannot be served.
        return set(Place.objects.filter(pk__in=locked).filter(HAS_ROOM).values_list("pk", flat=True))

    roomy = with_room()
    if not roomy & set(place_ids):
        return 0
    expires_at = now + datetime.timedelta(hours=settings.CAPACITY_OFFER_HOURS)
    waiting = WaitlistEntry.objects.filter(status=WAITING)
    in_line = (
        waiting.filter(place__in=place_ids)
        .values("application")
        .annotate(since=Min("created_at"), first=Min("pk"))
        .order_by("since", "first")
    )
    wants = defaultdict(list)
    for entry in waiting.filter(application__in=in_line.values("application")).order_by():
        wants[entry.application_id].append(entry)
    offered = 0
    for row in in_line:
        if not roomy & set(place_ids):
            break
        entries = wants[row["application"]]
        wanted = {entry.place_id for entry in entries}
        # Every place must have room now. Places this transaction did not lock (someone who
        # joined after the locks were taken) count as without; `expire_offers` sweeps those.
        if not wanted <= roomy:
            continue
        try:
            _take(
                wanted, application_id=row["application"], quantity=entries[0].quantity, expires_at=expires_at
            )
        except (PlaceFull, AlreadyHeld):
            continue
        WaitlistEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(status=OFFERED)
        transaction.on_commit(partial(_notify_offer, row["application"], wanted, expires_at))
        offered += 1
        roomy = with_room()
    return offered


def _free(*, holds, entries, entry_status, now, also_offer=()) -> Expiry:
    """Release `holds`, end `entries`, then offer the freed places (and `also_offer`) to the next."""
    freed = set(holds.values_list("place", flat=True))
    touched = freed | set(entries.values_list("place", flat=True))
    to_offer = freed | set(also_offer)
    locked = touched | to_offer | _waiting_behind(to_offer)
    _lock(locked)
    # Read again under the locks; rows on places locked too late are left for the next call.
    # Entries first: they may be chosen by the holds (expired offers) that are released next.
    entries.filter(place__in=locked).update(status=entry_status)
    holds = holds.filter(place__in=locked)
    for row in holds.order_by().values("place").annotate(total=Sum("quantity")):
        Place.objects.filter(pk=row["place"]).update(held=F("held") - row["total"])
    released = holds.update(released_at=now)
    return Expiry(expired=released, offered=_offer(to_offer, locked=locked, now=now))


def hold(places, *, application, quantity=1) -> list[Hold]:
    """Hold `quantity` on every one of `places` for `application`, or raise PlaceFull and hold none.

    `application` may be None for places staff keep back themselves.
    """
    place_ids = _ids(places)
    with transaction.atomic():
        _lock(place_ids)
        return _take(place_ids, application_id=application.pk if application else None, quantity=quantity)


def release(*, application, places=None, now=None) -> int:
    """Free what `application` holds or is offered (on `places`, or everywhere) and take it off
    their waiting lists; the freed places are offered to the next in line. Returns holds released."""
    now = now or timezone.now()
    holds = Hold.objects.current().filter(application=application)
    entries = WaitlistEntry.objects.filter(application=application, status__in=[WAITING, OFFERED])
    if places is not None:
        holds = holds.filter(place__in=_ids(places))
        entries = entries.filter(place__in=_ids(places))
    with transaction.atomic():
        return _free(holds=holds, entries=entries, entry_status=WaitlistEntry.Status.LEFT, now=now).expired


def join_waitlist(places, *, application, quantity=1, now=None) -> list[WaitlistEntry]:
    """Put `application` in line for all of `places` together; an application waits for one set
    of places at a time. If they have room already, the offer is made at once."""
    now = now or timezone.now()
    place_ids = _ids(places)
    with transaction.atomic():
        _lock(place_ids)
        if Hold.objects.current().filter(place__in=place_ids, application=application).exists():
            raise AlreadyHeld()
        if WaitlistEntry.objects.filter(application=application, status__in=[WAITING, OFFERED]).exists():
            raise AlreadyWaiting()
        entries = WaitlistEntry.objects.bulk_create(
            WaitlistEntry(place_id=pk, application=application, quantity=quantity) for pk in sorted(place_ids)
        )
        _offer(place_ids, locked=place_ids, now=now)
        return list(WaitlistEntry.objects.filter(pk__in=[entry.pk for entry in entries]))


def accept_offer(*, application, now=None) -> list[Hold]:
    """Turn `application`'s open offer into ordinary holds, unless it has expired."""
    now = now or timezone.now()
    offers = Offer.objects.filter(application=application)
    place_ids = set(offers.values_list("place", flat=True))
    with transaction.atomic():
        _lock(place_ids)
        offers = list(offers.filter(place__in=place_ids))
        if not offers:
            raise NoOffer()
        lapsed = min(offer.expires_at for offer in offers)
        if lapsed <= now:
            raise OfferExpired(lapsed)
        Hold.objects.filter(pk__in=[offer.pk for offer in offers]).update(expires_at=None)
        WaitlistEntry.objects.filter(application=application, place__in=place_ids, status=OFFERED).update(
            status=WaitlistEntry.Status.ACCEPTED
        )
        return list(Hold.objects.filter(pk__in=[offer.pk for offer in offers]))


def expire_offers(now=None) -> Expiry:
    """End the offers whose time is up and offer those places to the next in line.

    Also offers any place that has room while people wait for it (someone who joined while a
    release was under way), so running it from cron keeps every waiting list moving.
    """
    now = now or timezone.now()
    lapsed = Offer.objects.filter(expires_at__lte=now)
    entries = WaitlistEntry.objects.filter(application__in=lapsed.values("application"), status=OFFERED)
    stuck = Place.objects.filter(HAS_ROOM, waitlist__status=WAITING).values_list("pk", flat=True)
    with transaction.atomic():
        return _free(
            holds=lapsed,
            entries=entries,
            entry_status=WaitlistEntry.Status.EXPIRED,
            now=now,
            also_offer=set(stuck),
        )


def _lock_for_resize(place) -> set:
    """Lock what resizing `place` touches (it and the places its waiting list waits on), in pk order."""
    locked = {place.pk} | _waiting_behind({place.pk})
    _lock(locked)
    return locked


def locked_for_resize(place) -> Place:
    """`place` as it is now, locked as `resize` locks it: a form can check a size and keep it checked.

    Must be called inside the transaction that then calls `resize`.
    """
    _lock_for_resize(place)
    return Place.objects.get(pk=place.pk)


def resize(place, *, size, now=None) -> Place:
    """Set the number of places; refused (ValidationError on `size`) below what is held or offered.
    Added room is offered to the waiting list at once."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_for_resize(place)
        place.refresh_from_db()
        place.check_size(size)
        # The CheckConstraint (held <= size) would refuse it too, without the friendly message.
        Place.objects.filter(pk=place.pk).update(size=size)
        _offer({place.pk}, locked=locked, now=now)
        place.refresh_from_db()
    return place
