from django.core.management.base import BaseCommand

from portal.capacity.bookings import expire_offers


class Command(BaseCommand):
    help = (
        "End the waiting-list offers whose time is up, offer the places to the next in line, and "
        "cancel the bookings whose offer lapsed (cron, e.g. every 5 minutes)."
    )

    def handle(self, *args, **options):
        result = expire_offers()
        self.stdout.write(f"{result.expired} expired, {result.offered} offered")
