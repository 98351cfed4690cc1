"""``manage.py bench_download`` — memory of a large streaming download (docs/benchmarks.md)."""

import json

from django.core.management.base import BaseCommand

from kyodo.plans import bench


class Command(BaseCommand):
    help = "Stream up to --rows published progress reports as CSV or Excel; print memory as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        parser.add_argument("--rows", type=int, default=1_000_000)

    def handle(self, *args, format, rows, **options):
        self.stdout.write(json.dumps(bench.measure_download(format, rows)))
