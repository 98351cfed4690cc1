"""``manage.py bench_pages`` — the load benchmark's pages as JSON, with their SQL query counts.

Used by ``scripts/bench`` (docs/benchmarks.md); prints one JSON list on stdout.
"""

import json

from django.core.management.base import BaseCommand

from kyodo.core import bench


class Command(BaseCommand):
    help = "List the benchmark's key pages (heaviest instances) with their SQL query counts."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(bench.count_queries(bench.targets()), ensure_ascii=False))
