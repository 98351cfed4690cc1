"""``manage.py generate_scale --scale s|m|l`` — deterministic scale data on top of the demo.

Generates fictional municipalities under the demo's 北海道 and, for each, the data of every
installed module that has a ``scale`` module (``generate(ctx)``), in INSTALLED_APPS order;
``kyodo/core/scale.py`` describes the sizes and how rows are written. ``--replace`` deletes
the previously generated data first (``purge``, children first); without it a second run is
refused. Prints the rows written per model and the seconds each module took.
"""

import importlib
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction

from kyodo.core import pagecache, scale
from kyodo.core.models import Organisation


def scale_modules():
    """The ``scale`` module of every installed app that has one, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.scale"
        if config.name.startswith("kyodo.") and find_spec(name) is not None:
            found.append((config, importlib.import_module(name)))
    return found


class Command(BaseCommand):
    help = "Generate deterministic scale data (s ≈ 1,000, m ≈ 100,000, l ≈ 1,000,000 rows per big table)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", required=True, choices=sorted(scale.SCALES),
                            help="s, m or l (xs: a tiny scale for tests)")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--replace", action="store_true",
                            help="delete previously generated scale data first")

    def handle(self, *args, **options):
        name, seed, replace = options["scale"], options["seed"], options["replace"]
        if settings.PRODUCTION:
            raise CommandError("generate_scale refuses to run with KYODO_MODE=production.")
        if not Organisation.objects.filter(slug__in=["hokkaido", "sapporo"]).count() == 2:
            raise CommandError("デモデータがありません。先に `manage.py load_demo` を実行してください。 "
                               "(The demo is not loaded: run `manage.py load_demo` first.)")
        generated = Organisation.objects.filter(slug__startswith=scale.SLUG_PREFIX)
        modules = scale_modules()
        self._speed_up()
        self._analyse()
        if generated.exists():
            if not replace:
                raise CommandError(
                    "生成済みのスケールデータがあります。作り直すには --replace を付けてください。 "
                    "(Scale data is already present; add --replace to delete it and generate again.)")
            timer = scale.Timer()
            with transaction.atomic():
                for _config, module in reversed(modules):
                    module.purge(generated)
            self.stdout.write(f"  deleted previous scale data in {timer.seconds:.1f} s")

        ctx = scale.Context(scale=scale.SCALES[name], seed=seed, stdout=self.stdout)
        total = scale.Timer()
        self.stdout.write(f"Generating scale {name} (seed {seed}): {ctx.scale.organisations} "
                          f"municipalities, fiscal years {ctx.first_year}–{ctx.last_year}")
        for config, module in modules:
            timer = scale.Timer()
            with transaction.atomic():
                self._skip_row_triggers()
                module.generate(ctx)
                ctx.flush()
            self._report(config.verbose_name, ctx.counts(), timer.seconds)
        timer = scale.Timer()
        with transaction.atomic():
            self._skip_row_triggers()
            scale.finish(ctx)
            ctx.flush()
        self._report("監査ログ", {"core.AuditEntry": ctx.audit.count}, timer.seconds)
        self._analyse()
        pagecache.invalidate()  # bulk inserts send no signals
        self.stdout.write(self.style.SUCCESS(f"Scale data generated in {total.seconds:.1f} s."))

    def _report(self, title, counts, seconds):
        self.stdout.write(f"  {title}: {seconds:.1f} s")
        for label, count in counts.items():
            self.stdout.write(f"    {label:<34} {count:>10,}")

    def _skip_row_triggers(self):
        """PostgreSQL checks each foreign key with a trigger per inserted row, which costs more
        than the insert; a superuser (as in development and CI) may skip them for this
        transaction. Without the privilege the checks simply run."""
        if connection.vendor != "postgresql":
            return
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:
            pass

    def _analyse(self):
        """PostgreSQL plans from its statistics; tables last analysed while empty (a fresh
        database, or rows written in this very transaction) lead it to nested scans that take
        minutes for the purge's subqueries. ANALYZE inside the transaction counts its own rows.
        SQLite plans from its indexes alone and is left as it is."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def _speed_up(self):
        """This connection only: SQLite need not wait for the disk (the data is regenerable),
        nor look up every parent row — the generators write parents before children, and the
        tests run them with the checks on (inside a transaction, where these cannot be set)."""
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA foreign_keys=OFF")
                cursor.execute("PRAGMA temp_store=MEMORY")
                cursor.execute("PRAGMA cache_size=-200000")
