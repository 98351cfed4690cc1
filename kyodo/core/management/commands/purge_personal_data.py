"""Anonymise personal data whose retention period is over (kyodo/core/retention.py). Run daily
(docs/operations.md): at once, or ``--enqueue`` to leave it to the task worker."""

from django.core.management.base import BaseCommand

from kyodo.core import retention


class Command(BaseCommand):
    help = "保存期間が過ぎた個人情報(出前講座の申込、傍聴の予約、市民会議の応募)を消去します。"

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true",
                            help="その場で消去せず、バックグラウンドの処理(db_worker)に任せます。")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = retention.purge_personal_data.enqueue()
            self.stdout.write(f"queued {result.id}")
            return
        for key, count in retention.purge().items():
            self.stdout.write(f"{key}: {count}")
