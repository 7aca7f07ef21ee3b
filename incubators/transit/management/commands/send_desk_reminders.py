from django.core.management.base import BaseCommand

from incubators.transit.reminders import send_desk_reminders


class Command(BaseCommand):
    help = (
        "Email each team whose transit station desk ends soon (the station's days before the end). "
        "Each desk is reminded once: safe to run daily from cron, or again."
    )

    def handle(self, *args, **options):
        sent = send_desk_reminders()
        self.stdout.write(f"desk reminders sent: {sent}")
