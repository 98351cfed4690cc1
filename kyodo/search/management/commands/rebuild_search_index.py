"""manage.py rebuild_search_index [--source plans.item …] [--batch 1000]"""

from django.core.management.base import BaseCommand

from kyodo.search import index


class Command(BaseCommand):
    help = "サイト内検索の索引を作り直します(公開中のものだけを登録します)。"

    def add_arguments(self, parser):
        parser.add_argument("--source", action="append", dest="sources",
                            help="この情報源だけ(例: plans.item)。複数指定できます。")
        parser.add_argument("--batch", type=int, default=index.BATCH)

    def handle(self, *args, sources=None, batch=index.BATCH, **options):
        counts = index.rebuild(only=sources, batch=max(1, batch), stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"索引: {sum(counts.values())}件"))
