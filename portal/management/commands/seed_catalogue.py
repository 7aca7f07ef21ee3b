from django.core.management.base import BaseCommand, CommandError

from portal.catalogue.seed import DEFAULT_PATH, SeedError, load_file


class Command(BaseCommand):
    help = "Load the service catalogue (from FACTS.md) in all three languages. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DEFAULT_PATH), help="YAML data file")
        parser.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")

    def handle(self, *args, file, dry_run, **options):
        try:
            counts = load_file(file, dry_run=dry_run)
        except SeedError as exc:
            raise CommandError(str(exc)) from None
        models = sorted({model for model, _action in counts})
        prefix = "Would " if dry_run else ""
        for model in models:
            parts = [f"{counts[(model, action)]} {action}" for action in ("created", "updated", "unchanged")]
            self.stdout.write(f"{prefix}{model}: {', '.join(parts)}")
        total = {
            a: sum(n for (_m, act), n in counts.items() if act == a)
            for a in ("created", "updated", "unchanged")
        }
        verb = "Dry run, nothing written" if dry_run else "Done"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb}: {total['created']} created, {total['updated']} updated, "
                f"{total['unchanged']} unchanged."
            )
        )
