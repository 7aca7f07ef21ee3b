from django.core.management.base import BaseCommand

from portal.capacity.services import expire_offers


class Command(BaseCommand):
    help = "End the waiting-list offers whose time is up and offer the places to the next in line (cron)."

    def handle(self, *args, **options):
        result = expire_offers()
        self.stdout.write(f"{result.expired} expired, {result.offered} offered")
