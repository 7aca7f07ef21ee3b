"""Two future events for a local demo (`make run`): `from programs.events import demo; demo.create()`.

Idempotent: running it again updates the same two events (by slug) rather than adding more.
"""

import datetime

from django.utils import timezone

from programs.models import Activity

from .models import Event
from .services import save_seats

EVENTS = [
    {
        "slug": "demo-futian-study-tour",
        "activity": "futian-study-tour",
        "in_days": 14,
        "hours": (9, 17),
        "seats": 30,
        "name_zh_hant": "香港青年福田研學旅遊（示範）",
        "name_zh_hans": "香港青年福田研学旅游（示范）",
        "name_en": "Hong Kong Youth Futian Study Tour (demo)",
        "venue_zh_hant": "福田區（示範地點）",
        "venue_zh_hans": "福田区（示范地点）",
        "venue_en": "Futian District (demo venue)",
    },
    {
        "slug": "demo-summer-camp-day",
        "activity": "summer-camp",
        "in_days": 30,
        "hours": (10, 16),
        "seats": 2,
        "name_zh_hant": "深港台贛青少年夏令營（示範）",
        "name_zh_hans": "深港台赣青少年夏令营（示范）",
        "name_en": "Shenzhen-Hong Kong-Taiwan-Jiangxi Youth Summer Camp (demo)",
        "venue_zh_hant": "福田區（示範地點）",
        "venue_zh_hans": "福田区（示范地点）",
        "venue_en": "Futian District (demo venue)",
    },
]


def create() -> list[Event]:
    today = timezone.localdate()
    made = []
    for spec in EVENTS:
        spec = dict(spec)
        day = today + datetime.timedelta(days=spec.pop("in_days"))
        start_hour, end_hour = spec.pop("hours")
        activity = Activity.objects.filter(key=spec.pop("activity")).first()
        starts_at, ends_at = (
            timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
            for hour in (start_hour, end_hour)
        )
        event, _created = Event.objects.update_or_create(
            slug=spec.pop("slug"),
            defaults={**spec, "activity": activity, "starts_at": starts_at, "ends_at": ends_at},
        )
        save_seats(event)
        made.append(event)
    return made
