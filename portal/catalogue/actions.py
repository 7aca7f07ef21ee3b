"""What a visitor can do about a catalogue item online, declared by the app that offers it.

An app adds, on its AppConfig, `catalogue_actions = {"programs.programme:training":
("courses:list", _("See the courses and enrol"))}`: the item's model label and slug, the URL
name of the page where it is done, and the button's words. The catalogue's pages show them, and
the "contact the office" panel only where there are none. The catalogue lists no app.
"""

from functools import cache

from django.apps import apps
from django.urls import NoReverseMatch, reverse


@cache
def declared() -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for config in apps.get_app_configs():
        for key, action in getattr(config, "catalogue_actions", {}).items():
            found.setdefault(key, []).append(action)
    return found


def actions_for(item) -> list[dict]:
    """[{"url", "label"}] for `item` (a row with a slug), in INSTALLED_APPS order."""
    key = f"{item._meta.label_lower}:{getattr(item, 'slug', '')}"
    actions = []
    for url_name, label in declared().get(key, []):
        try:
            actions.append({"url": reverse(url_name), "label": label})
        except NoReverseMatch:  # declared, but not mounted in this site's URLs
            continue
    return actions
