"""``manage.py bench_profile`` — where each of the benchmark's pages spends its time.

Renders each key page in-process (``kyodo/core/bench.py``: test client, DEBUG off, the page
cache bypassed as for a signed-in person) N times and prints, per page, the median wall and CPU
time, the SQL queries and the time in the driver's execute(), and — from pyinstrument — the share
of SQL, ORM object building, template rendering, serialisation, Kyodo's own code and the rest,
with the five places in Kyodo under which most time went. ``--cold`` renders with fragments off;
the default is warm (fragments stored). docs/benchmarks.md "Where the time goes" has the
findings at scale m.
"""

import json
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError

from kyodo.core import bench


def table(results, heading):
    """The profiles as text: one line per page, then each page's top own-code places."""
    lines = [f"# {heading}; shares of the profiled time",
             f"{'page':<26}{'status':>6}{'p50 ms':>8}{'p90 ms':>8}{'CPU ms':>8}{'SQL':>5}{'exec ms':>8}  "
             + " ".join(f"{name[:8]:>8}" for name in bench.SHARE_NAMES)]
    lines += [f"{r.name:<26}{r.status:>6}{r.median_ms:>8.1f}{r.p90_ms:>8.1f}{r.cpu_ms:>8.1f}"
              f"{r.queries:>5.0f}{r.execute_ms:>8.1f}  "
              + " ".join(f"{r.shares[name]:>8.0%}" for name in bench.SHARE_NAMES) for r in results]
    for r in results:
        lines += ["", f"{r.name} {r.path}", *(f"  {share:>4.0%}  {where}" for where, share in r.own)]
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Profile the benchmark's key pages in-process: median ms, SQL, and where the time goes."

    def add_arguments(self, parser):
        parser.add_argument("--page", action="append", default=[], metavar="NAME",
                            help="a target's name (repeatable); default every target")
        parser.add_argument("--requests", type=int, default=20)
        parser.add_argument("--signed-in", action="store_true",
                            help="as a signed-in resident (default: a session cookie, anonymous)")
        parser.add_argument("--cold", action="store_true", help="fragments off (KYODO_PAGE_CACHE_SECONDS=0)")
        parser.add_argument("--html", metavar="DIR", help="write pyinstrument's HTML report per page")
        parser.add_argument("--json", metavar="FILE", dest="json_file",
                            help="also write every figure as JSON to FILE")

    def handle(self, *args, page, requests, signed_in, cold, html, json_file, **options):
        found = bench.targets()
        if page:
            unknown = set(page) - {t.name for t in found}
            if unknown:
                raise CommandError(f"no such target: {', '.join(sorted(unknown))}")
            found = [t for t in found if t.name in page]
        results = bench.profile(
            found, requests=requests, signed_in=signed_in, cold=cold, html_dir=html,
            progress=lambda r: self.stderr.write(f"{r.name}: {r.median_ms:.1f} ms, {r.queries:.0f} queries"))
        if json_file:
            with open(json_file, "w") as out:
                json.dump([asdict(r) for r in results], out, ensure_ascii=False)
        mode = ("cold" if cold else "warm") + (", signed in" if signed_in else "")
        self.stdout.write(table(results, f"{mode}, {requests} requests per page"))
