"""Send the reminders that are due today (deadlines coming and passed); run it daily."""

from django.core.management.base import BaseCommand

from kyodo.core import reminders


class Command(BaseCommand):
    help = "Send the reminders that are due (each only once). Run daily from cron or a timer."

    def handle(self, *args, **options):
        sent = reminders.send_due()
        for name, count in sent.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(self.style.SUCCESS(f"{sum(sent.values())} reminder(s) sent"))
