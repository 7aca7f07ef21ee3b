"""The home page's cards and headline figures, each added by the app that shows them.

An app names a function in `AppConfig.home_section`; it returns `HomePart`s, each placed under
one of the page's headings in templates/portal/home.html, so the home view lists no app.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.module_loading import import_string

from portal.catalogue.figures import Headlines


@dataclass
class HomePart:
    section: str  # a heading of templates/portal/home.html: "bases", "programmes" or "life"
    template: str  # the part's cards (<li> elements), rendered with `items`
    items: list
    figures: Headlines = field(default_factory=lambda: Headlines([], None))
    # Within a section, lower first; parts with the same order keep INSTALLED_APPS order.
    order: int = 0


def home_parts() -> list[HomePart]:
    parts = []
    for config in apps.get_app_configs():
        if path := getattr(config, "home_section", None):
            parts.extend(import_string(path)())
    return sorted(parts, key=lambda part: part.order)


def home_context() -> dict:
    """The home page's context: its parts by section, and every part's figures as one list."""
    parts = home_parts()
    sections = defaultdict(list)
    for part in parts:
        sections[part.section].append(part)
    return {"sections": dict(sections), "figures": Headlines.joined(part.figures for part in parts)}
