"""Demo rows for `make run`: one room type per station, made idempotently (not wired anywhere)."""

from lodging.models import LodgingScheme

from .models import OVERTIME, YOUTH, RoomType, StationRules

ROOM_TYPES = [
    {
        "station": OVERTIME,
        "slug": "overtime-demo-hotel",
        "rooms": 3,
        "hotel": {"zh_hant": "福田示範酒店", "en": "Futian Demo Hotel", "zh_hans": "福田示范酒店"},
        "name": {"zh_hant": "標準單人房", "en": "Standard single room", "zh_hans": "标准单人房"},
        "address": {
            "zh_hant": "深圳市福田區福保街道示範路1號",
            "en": "1 Demo Road, Fubao Subdistrict, Futian, Shenzhen",
            "zh_hans": "深圳市福田区福保街道示范路1号",
        },
    },
    {
        "station": YOUTH,
        "slug": "youth-demo-hotel",
        "rooms": 5,
        "hotel": {
            "zh_hant": "福田青年示範酒店",
            "en": "Futian Youth Demo Hotel",
            "zh_hans": "福田青年示范酒店",
        },
        "name": {"zh_hant": "雙人房", "en": "Twin room", "zh_hans": "双人房"},
        "address": {
            "zh_hant": "深圳市福田區華強北示範街2號",
            "en": "2 Demo Street, Huaqiangbei, Futian, Shenzhen",
            "zh_hans": "深圳市福田区华强北示范街2号",
        },
    },
]


def create() -> list[RoomType]:
    made = []
    for row in ROOM_TYPES:
        scheme = LodgingScheme.objects.get(slug=row["station"])
        StationRules.for_station(row["station"])
        fields = {"scheme": scheme, "rooms": row["rooms"]}
        for name in ("hotel", "name", "address"):
            fields[name] = row[name]["zh_hant"]
            for language, text in row[name].items():
                fields[f"{name}_{language}"] = text
        room_type, _created = RoomType.objects.update_or_create(slug=row["slug"], defaults=fields)
        made.append(room_type)
    return made
