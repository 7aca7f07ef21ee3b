"""The equipment the document names for the "7+" community's shared lab, for `make run`.

Names as in portal/catalogue/catalogue.yaml (the facility "shared-lab"). The hours are the
model's defaults: the office's to change, since the document gives none.
"""

from django.db import transaction

from incubators.models import Incubator

from .models import Equipment

INCUBATOR = "community-7plus"
EQUIPMENT = [
    (
        "ultra-pure-water-machine",
        {"zh_hant": "超純水機", "en": "Ultra-pure water machine", "zh_hans": "超纯水机"},
    ),
    ("three-roll-mill", {"zh_hant": "三輥機", "en": "Three-roll mill", "zh_hans": "三辊机"}),
    ("fume-hood", {"zh_hant": "通風櫥", "en": "Fume hood", "zh_hans": "通风橱"}),
]


@transaction.atomic
def create() -> list[Equipment]:
    """Make (or bring back to these names) the three pieces of equipment; safe to run again."""
    incubator = Incubator.objects.get(slug=INCUBATOR)
    made = []
    for order, (slug, names) in enumerate(EQUIPMENT, start=1):
        equipment, _created = Equipment.objects.update_or_create(
            slug=slug,
            defaults={
                "incubator": incubator,
                "order": order,
                "name": names["zh_hant"],
                **{f"name_{language}": name for language, name in names.items()},
            },
        )
        made.append(equipment)
    return made
