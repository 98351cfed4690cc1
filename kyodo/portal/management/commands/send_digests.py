"""Weekly: mail each person who chose 「週に1回まとめて」 one summary of their held notices."""

from django.core.management.base import BaseCommand

from kyodo.portal.notices import send_digests


class Command(BaseCommand):
    help = "まとめて受け取る設定のお知らせを、利用者ごとに1通のメールで送ります(週1回)。"

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"digests sent: {sent}")
