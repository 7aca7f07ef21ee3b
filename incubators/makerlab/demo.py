"""Trouble Maker's two labs, named as in portal/catalogue/catalogue.yaml, for `make run` and the tests.

Hours, slots and benches are the model's defaults: the office's to change, since the document gives none.
"""

from django.db import transaction

from incubators.models import Incubator

from .models import MakerLab

INCUBATOR = "community-7plus"
LABS = [
    (
        "mechanical-lab",
        {"zh_hant": "機械製造實驗室", "en": "Mechanical-manufacturing lab", "zh_hans": "机械制造实验室"},
    ),
    ("electrical-lab", {"zh_hant": "電學實驗室", "en": "Electrical lab", "zh_hans": "电学实验室"}),
]


@transaction.atomic
def create() -> list[MakerLab]:
    """Make (or bring back to these names) the two labs; safe to run again."""
    incubator = Incubator.objects.get(slug=INCUBATOR)
    made = []
    for order, (slug, names) in enumerate(LABS, start=1):
        lab, _created = MakerLab.objects.update_or_create(
            slug=slug,
            defaults={
                "incubator": incubator,
                "order": order,
                "name": names["zh_hant"],
                **{f"name_{language}": name for language, name in names.items()},
            },
        )
        made.append(lab)
    return made
