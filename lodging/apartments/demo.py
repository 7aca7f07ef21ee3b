"""Three demo units for a local run (`make run`); safe to call again, it changes nothing the second time."""

from .models import Unit

UNITS = [
    {
        "slug": "futian-tower-a-1203",
        "order": 1,
        "market_rent": 4200,
        "name_zh_hant": "福田A座1203室（一房）",
        "name_en": "Futian Tower A, flat 1203 (one bedroom)",
        "name_zh_hans": "福田A座1203室（一房）",
        "address_zh_hant": "深圳市福田區（示範地址）",
        "address_en": "Futian District, Shenzhen (demo address)",
        "address_zh_hans": "深圳市福田区（示范地址）",
    },
    {
        "slug": "futian-tower-a-1508",
        "order": 2,
        "market_rent": 5600,
        "name_zh_hant": "福田A座1508室（兩房）",
        "name_en": "Futian Tower A, flat 1508 (two bedrooms)",
        "name_zh_hans": "福田A座1508室（两房）",
        "address_zh_hant": "深圳市福田區（示範地址）",
        "address_en": "Futian District, Shenzhen (demo address)",
        "address_zh_hans": "深圳市福田区（示范地址）",
    },
    {
        "slug": "futian-tower-b-0702",
        "order": 3,
        "market_rent": 3300,
        "name_zh_hant": "福田B座702室（開放式）",
        "name_en": "Futian Tower B, flat 702 (studio)",
        "name_zh_hans": "福田B座702室（开放式）",
        "address_zh_hant": "深圳市福田區（示範地址）",
        "address_en": "Futian District, Shenzhen (demo address)",
        "address_zh_hans": "深圳市福田区（示范地址）",
    },
]


def create() -> list[Unit]:
    """The demo units, created where missing; units staff have since edited are left as they are."""
    return [Unit.objects.get_or_create(slug=row["slug"], defaults=row)[0] for row in UNITS]
