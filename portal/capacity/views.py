"""What staff read about places at a glance (the admin's occupancy page), and a bench-only page.

Both read `Place.objects.with_availability()`: one query for every place shown, plus one per kind
of target for their names, however many targets, nights and bookings there are.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import escape

from .models import Place

WINDOW_DAYS = 14
# Timed and whole places listed at most; staff narrow the list by kind or move the window.
TIMED_LIMIT = 200


@dataclass
class Cell:
    day: datetime.date
    place: Place | None = None

    @property
    def taken(self) -> int:
        return self.place.held - self.place.offered if self.place else 0

    @property
    def is_full(self) -> bool:
        return bool(self.place and self.place.size is not None and self.place.available <= 0)


@dataclass
class Row:
    target: object
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Occupancy:
    start: datetime.date
    days: list[datetime.date]
    rows: list[Row]
    timed: list[Place]
    timed_truncated: bool
    kinds: list[ContentType]
    kind: ContentType | None

    @property
    def previous_start(self) -> datetime.date:
        return self.start - datetime.timedelta(days=len(self.days))

    @property
    def next_start(self) -> datetime.date:
        return self.start + datetime.timedelta(days=len(self.days))


def _name_targets(places) -> dict[tuple[int, int], object]:
    """Each place's target, fetched with one query per kind of target (not one per place)."""
    wanted = defaultdict(set)
    for place in places:
        wanted[place.target_type_id].add(place.target_id)
    found = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:  # a kind whose app is gone: name the rows by id
            continue
        for obj in model._base_manager.filter(pk__in=ids):
            found[type_id, obj.pk] = obj
    return found


def parse_start(value: str | None) -> datetime.date:
    """The window's first night from the query string; today when missing, not a date, or so far
    away that moving the window would leave the calendar (year 1 or 9999)."""
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return timezone.localdate()
    return day if 1900 <= day.year <= 2999 else timezone.localdate()


def occupancy(*, start: datetime.date, kind_id: str | None = None, days: int = WINDOW_DAYS) -> Occupancy:
    """Nights of day-based places as a grid (targets × nights) and timed or whole places as a list."""
    nights = [start + datetime.timedelta(days=n) for n in range(days)]
    places = Place.objects.with_availability()
    # Only kinds that have places are offered as a filter.
    kinds = list(ContentType.objects.filter(pk__in=Place.objects.values("target_type")).order_by("app_label"))
    kind = next((k for k in kinds if str(k.pk) == (kind_id or "")), None)
    if kind is not None:
        places = places.filter(target_type=kind)

    by_night = list(
        places.filter(day__gte=nights[0], day__lte=nights[-1]).order_by("target_type", "target_id")
    )
    window_start = timezone.make_aware(datetime.datetime.combine(nights[0], datetime.time()))
    window_end = window_start + datetime.timedelta(days=days)
    timed = list(
        places.filter(day__isnull=True)
        .exclude(starts_at__lt=window_start)
        .exclude(starts_at__gte=window_end)
        .order_by("starts_at", "target_type", "target_id", "pk")[: TIMED_LIMIT + 1]
    )
    truncated = len(timed) > TIMED_LIMIT
    timed = timed[:TIMED_LIMIT]

    targets = _name_targets([*by_night, *timed])
    for place in timed:
        place.target_name = targets.get((place.target_type_id, place.target_id), place.target_id)
        place.taken = place.held - place.offered
        place.is_full = place.size is not None and place.available <= 0

    grid: dict[tuple[int, int], dict] = {}
    for place in by_night:
        grid.setdefault((place.target_type_id, place.target_id), {})[place.day] = place
    rows = [
        Row(
            target=targets.get(key, f"#{key[1]}"),
            cells=[Cell(day=day, place=cells.get(day)) for day in nights],
        )
        for key, cells in grid.items()
    ]
    rows.sort(key=lambda row: str(row.target))
    return Occupancy(
        start=start, days=nights, rows=rows, timed=timed, timed_truncated=truncated, kinds=kinds, kind=kind
    )


def bench_places(request):
    """BENCHMARK only: a public page that reads every upcoming place's availability, as a booking
    page does, so the benchmark measures the capacity mechanism's read path (scripts/bench.py)."""
    now = timezone.now()
    places = Place.objects.with_availability().exclude(starts_at__lt=now).order_by("starts_at", "pk")[:50]
    rows = "".join(
        f"<li>{escape(place.pk)}: {escape(place.available)} of {escape(place.size)} free, "
        f"{escape(place.waiting)} waiting</li>"
        for place in places
    )
    return HttpResponse(f"<!doctype html><title>places</title><ul>{rows}</ul>")
