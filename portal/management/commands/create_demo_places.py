import importlib

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = (
        "Demo things with places for `make run` (units, rooms, courses, events, lab equipment): each "
        "app's `demo.create()`, found in every installed app. Safe to run again. Not for production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="allow it when DEBUG is off")

    def handle(self, *args, force=False, **options):
        from django.conf import settings

        if not settings.DEBUG and not force:
            raise CommandError("Demo places are for development: run with DEBUG=1 (make run) or --force.")
        made = []
        with transaction.atomic():
            for config in apps.get_app_configs():
                if module_has_submodule(config.module, "demo"):
                    importlib.import_module(f"{config.name}.demo").create()
                    made.append(config.label)
        self.stdout.write("demo places: " + (", ".join(made) or "none"))
