from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programs.events"
    label = "events"
    verbose_name = _("City-integration activities")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    url_prefix = "events/"
    # Where the catalogue's page sends visitors to act (portal/catalogue/actions.py).
    catalogue_actions = {
        "programs.programme:city-integration": ("events:list", _("See the coming activities and register"))
    }
    urls_module = "programs.events.urls"
    # Reviewers check tickets in at the door and see who registered; data managers add the events.
    role_permissions = {
        "reviewer": (
            "events.view_event",
            "events.view_eventregistration",
            "events.change_eventregistration",
        ),
        "data manager": ("events.view_event", "events.add_event", "events.change_event"),
    }
