import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.capacity.bookings import send_reminders


class Command(BaseCommand):
    help = "Queue a reminder email for each booking that starts tomorrow, once each (cron, daily)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day the bookings start (YYYY-MM-DD); tomorrow by default.")

    def handle(self, *args, date=None, **options):
        try:
            day = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from None
        # One transaction: the reminders recorded and the emails queued go together.
        with transaction.atomic():
            queued = send_reminders(day)
        self.stdout.write(f"{queued} reminders queued")
