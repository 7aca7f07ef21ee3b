from django.core.management.base import BaseCommand

from programs.posts.services import expire_offers


class Command(BaseCommand):
    help = "Expire internship offers not answered in time, freeing their places (run from cron)."

    def handle(self, *args, **options):
        count = expire_offers()
        self.stdout.write(f"{count} offer(s) expired.")
