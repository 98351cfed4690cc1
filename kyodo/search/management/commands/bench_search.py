"""``manage.py bench_search [--rows 1000000] [--repeat 20]`` — the search measured in-process at
a given index size (issue 18: 1,000,000 rows, scale ``l``).

With ``--rows N`` it first writes N generated index rows (``search/scale.py``) over 200
generated municipalities (``scale-0001``…, created here if missing — the rest of the scale data
is not needed to measure the search), on an empty or freshly migrated database of its own
(never the bench's). Then it requests each URL of :data:`URLS` once to warm up and ``--repeat``
times through Django's test client (page cache off), and prints p50/p99 in milliseconds, with
the load average of the machine.
"""

import os
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings

from kyodo.core import scale as core_scale
from kyodo.core.models import Organisation
from kyodo.search import scale
from kyodo.search.models import Entry

URLS = [
    "/search/?q=協働",
    "/search/?q=防災訓練+地域",
    "/search/?q=防",
    "/search/?q=協働&module=plans&year={year}",
    "/org/scale-0100/search/?q=協働",
    "/search/?q=協働&page=50",
    "/api/v1/search?q=協働",
    "/feeds/new.atom",
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Write N generated search index rows (optional) and measure the search's p50/p99 in-process."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=0, help="write this many index rows first")
        parser.add_argument("--organisations", type=int, default=200)
        parser.add_argument("--repeat", type=int, default=20)

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("bench_search refuses to run with KYODO_MODE=production.")
        if options["rows"]:
            self._build(options["rows"], options["organisations"])
        if options["repeat"]:
            self._measure(options["repeat"])

    def _build(self, rows, count):
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA cache_size=-200000")
        timer = core_scale.Timer()
        orgs = self._organisations(count)
        ctx = core_scale.Context(scale=core_scale.Scale("bench", len(orgs), 20, rows), seed=2026)
        ctx.organisations = orgs
        with transaction.atomic():
            scale.generate(ctx)
            ctx.flush()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE search_entry")
        self.stdout.write(f"wrote {Entry.objects.count():,} index rows in {timer.seconds:.0f} s")

    def _organisations(self, count):
        existing = list(Organisation.objects.filter(slug__startswith=core_scale.SLUG_PREFIX)
                        .order_by("slug"))
        for index in range(len(existing), count):
            body = f"01{core_scale.FIRST_CODE_BODY + index}"
            existing.append(Organisation.objects.create(
                name=f"検索{index + 1:04d}市", name_kana="けんさく", kind="city",
                slug=f"{core_scale.SLUG_PREFIX}{index + 1:04d}",
                local_government_code=body + str(core_scale.local_government_code_check_digit(body))))
        return [core_scale.Org(o.pk, o.name, o.slug, o.kind, [(0, "市民協働推進課")], [], [])
                for o in existing[:count]]

    def _measure(self, repeat):
        year = Entry.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).first()
        client = Client(HTTP_HOST="127.0.0.1")
        self.stdout.write(f"{connection.vendor}, {Entry.objects.count():,} index rows, "
                          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        with override_settings(KYODO_PAGE_CACHE_SECONDS=0, DEBUG=False):
            for url in URLS:
                url = url.format(year=year)
                response = client.get(url)
                if response.status_code != 200:
                    raise CommandError(f"{url}: {response.status_code}")
                times = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    client.get(url)
                    times.append((time.perf_counter() - start) * 1000)
                self.stdout.write(f"| `{url}` | {statistics.median(times):,.0f} ms "
                                  f"| {percentile(times, 0.99):,.0f} ms |")
        self.stdout.write(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
