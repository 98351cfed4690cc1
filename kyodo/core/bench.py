"""What the load benchmark drives (``scripts/bench``, docs/benchmarks.md): the key pages and API
lists.

Each module declares its own key pages, at their *heaviest instance* in whatever database is
configured — the plan with the most progress reports, the evaluation round with the most ratings,
the survey year with the most projects — so that the benchmark measures the worst page a visitor
can reach, not the demo's smallest (``modules.register_bench_targets`` in the module's
``AppConfig.ready()``; ``busiest()`` below helps pick). The foundation adds only its own pages,
the ceiling, the portal and an organisation's home, and imports no module. ``count_queries()``
renders each target through the test client with the page cache bypassed and counts its SQL
queries; ``manage.py bench_profile`` (kyodo/core/profile.py) says where each one's time goes.
"""

from contextlib import nullcontext
from dataclasses import asdict, dataclass

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from .models import Department, Organisation


@dataclass
class Target:
    name: str
    title: str
    path: str
    kind: str = "page"  # "page", or "api" for a JSON list of the API
    queries: int | None = None
    status: int | None = None


def busiest(model, field, **filters):
    """The value of ``field`` that most rows of ``model`` share (one GROUP BY query), None when
    there are none."""
    row = (model.objects.filter(**filters).values(field).annotate(n=Count("pk"))
           .order_by("-n", field).first())
    return row[field] if row else None


def heaviest(queryset, model, field, **filters):
    """The object of ``queryset`` that most rows of ``model`` point to through ``field``
    (``busiest``), None when there are none."""
    pk = busiest(model, field, **filters)
    return None if pk is None else queryset.get(pk=pk)


def _declared(name, title, path, kind=None):
    """A target as a module declares it: (name, title, path), optionally with its kind."""
    return Target(name, title, path, kind or ("api" if path.startswith("/api/") else "page"))


def targets():
    """The ceiling, the foundation's pages and every module's declared targets, in that order."""
    from . import modules

    found = [Target("hello", "フレームワークの上限 (hello world)", "/bench/hello"),
             Target("portal", "ポータル", reverse("core:portal"))]
    # An organisation's home draws its department tree; the rest of it is bounded (frontdoor).
    organisation = heaviest(Organisation.objects, Department, "organisation")
    if organisation is not None:
        found.append(Target("organisation", "団体のホーム",
                            reverse("core:organisation", args=[organisation.slug])))
    found.extend(_declared(*target) for target in modules.bench_targets())
    return found


@override_settings(KYODO_PAGE_CACHE_SECONDS=0)
def count_queries(found):
    """Render each target as an anonymous visitor, cache bypassed; record status and queries."""
    client = Client()
    for target in found:
        if target.name == "hello":
            target.queries, target.status = 0, None
            continue
        with CaptureQueriesContext(connection) as captured:
            response = client.get(target.path, HTTP_HOST="127.0.0.1")
        target.status = response.status_code
        target.queries = len(captured.captured_queries)
    return [asdict(t) for t in found]


def rss_kib():
    """This process's resident memory in KiB (Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


# ---------------------------------------------------------------------------------------------
# Where a page's time goes (``manage.py bench_profile``, docs/benchmarks.md "Where the time
# goes"). Each target is rendered in-process through the test client, as the benchmark's
# "uncached" requests are: with a session cookie that bypasses the page cache, DEBUG off. The
# timed requests run without a profiler; then the same number of requests run under pyinstrument
# and every sample is attributed by the files on its stack — no guessing from names.
# ---------------------------------------------------------------------------------------------

# The innermost frame on a sample's stack whose file matches decides the sample's share.
SHARES = (
    ("sql", ("/django/db/backends/", "/sqlite3/", "/psycopg/", "/psycopg2/")),
    ("orm", ("/django/db/models/",)),
    ("template", ("/django/template/", "/django/templatetags/", "/templatetags/")),
    ("serialisation", ("/ninja/", "/pydantic/", "/pydantic_core/", "/json/", "/orjson")),
)
SHARE_NAMES = [name for name, _paths in SHARES] + ["own", "other"]
# Django fetches a query's remaining rows in a lambda of the SQL compiler that calls the driver's
# fetchmany(); with sqlite3 that call is C, invisible to the profiler, so the lambda is the SQL.
FETCH = ("/django/db/models/sql/compiler.py", "<lambda>")
OWN = "/kyodo/"
NOT_OWN = ("/kyodo/core/bench.py", "/templatetags/")  # the driver; template tags count as templates


@dataclass
class Profile:
    name: str
    path: str
    status: int
    median_ms: float
    p90_ms: float
    cpu_ms: float  # median CPU time of this process (less disturbed by a loaded machine)
    queries: float  # per request
    execute_ms: float  # per request, median, in the driver's execute() (not fetching the rest)
    shares: dict  # share name -> fraction of the profiled time
    own: list  # [(function at file:line, fraction of the profiled time)], top 5


def _share(path, function):
    if path.endswith(FETCH[0]) and function == FETCH[1]:
        return "sql"
    for name, fragments in SHARES:
        if any(fragment in path for fragment in fragments):
            return name
    if OWN in path and not any(fragment in path for fragment in NOT_OWN):
        return "own"
    return None


def _attribute(root):
    """Walk pyinstrument's call tree: each frame's own time goes to the innermost share on its
    stack (sql, orm, template, serialisation, own code; other when none) and to the innermost
    own-code frame (the place in Kyodo that asked for it)."""
    shares = dict.fromkeys(SHARE_NAMES, 0.0)
    owners = {}
    stack = [(root, "other", None)]
    while stack:
        frame, share, owner = stack.pop()
        path = frame.file_path or ""
        share = _share(path, frame.function) or share
        if OWN in path and not any(fragment in path for fragment in NOT_OWN):
            owner = f"{frame.function} ({frame.file_path_short}:{frame.line_no})"
        own_time = frame.total_self_time
        shares[share] += own_time
        if owner is not None:
            owners[owner] = owners.get(owner, 0.0) + own_time
        stack.extend((child, share, owner) for child in frame.children)
    return shares, owners


def _resident(User):
    """A signed-in resident: an active account without staff or any role."""
    from .models import RoleAssignment

    return (User.objects.filter(is_active=True, is_staff=False, is_superuser=False)
            .exclude(pk__in=RoleAssignment.objects.values("user")).order_by("pk").first())


def _same_for_everyone(path):
    from django.urls import resolve

    from . import pagecache

    return pagecache.is_same_for_everyone(resolve(path.split("?", 1)[0]))


def profile(found, requests=20, signed_in=False, cold=False, html_dir=None, progress=None):
    """Time ``requests`` renders of each target (after one untimed, which warms the fragments
    unless ``cold``), count and time their SQL, then profile as many again; a list of
    :class:`Profile`. ``html_dir``: also write pyinstrument's HTML report of each target there;
    ``progress(profile)`` is called as each target is done."""
    import statistics
    import time
    from pathlib import Path

    from pyinstrument import Profiler

    from .models import User

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    if signed_in:
        client.force_login(_resident(User))
    else:
        client.cookies["sessionid"] = "benchmark-bypass"  # as scripts/bench: bypass the page cache
    settings = {"DEBUG": False, **({"KYODO_PAGE_CACHE_SECONDS": 0} if cold else {})}
    results = []
    with override_settings(**settings):
        for target in found:
            if target.name == "hello":
                continue
            # The API, the catalogue and the feeds are answered from the page cache whoever asks
            # (pagecache.SAME_FOR_EVERYONE_VIEWS) and have no fragments: profile their render.
            rendering = (override_settings(KYODO_PAGE_CACHE_SECONDS=0)
                         if _same_for_everyone(target.path) else nullcontext())
            with rendering:
                response = client.get(target.path)  # imports, templates, fragments when warm
                sql = []

                def timed(execute, sql_text, params, many, context):
                    started = time.perf_counter()
                    try:
                        return execute(sql_text, params, many, context)
                    finally:
                        sql[-1].append(time.perf_counter() - started)

                wall, cpu = [], []
                with connection.execute_wrapper(timed):
                    for _ in range(requests):
                        sql.append([])
                        started, started_cpu = time.perf_counter(), time.process_time()
                        response = client.get(target.path)
                        wall.append(time.perf_counter() - started)
                        cpu.append(time.process_time() - started_cpu)
                profiler = Profiler(interval=0.0005, async_mode="disabled")
                profiler.start()
                for _ in range(requests):
                    client.get(target.path)
                profiler.stop()
                root = profiler.last_session.root_frame()
                shares, owners = _attribute(root) if root else (dict.fromkeys(SHARE_NAMES, 0.0), {})
                total = sum(shares.values()) or 1.0
                if html_dir:
                    mode = "cold" if cold else "warm"
                    Path(html_dir).mkdir(parents=True, exist_ok=True)
                    (Path(html_dir) / f"{target.name}-{mode}.html").write_text(profiler.output_html())
                wall.sort()
                results.append(Profile(
                    name=target.name, path=target.path, status=response.status_code,
                    median_ms=statistics.median(wall) * 1000, p90_ms=wall[int(0.9 * (len(wall) - 1))] * 1000,
                    cpu_ms=statistics.median(cpu) * 1000, queries=statistics.mean(len(q) for q in sql),
                    execute_ms=statistics.median(sum(q) for q in sql) * 1000,
                    shares={name: seconds / total for name, seconds in shares.items()},
                    own=[(where, seconds / total) for where, seconds in
                         sorted(owners.items(), key=lambda o: -o[1])[:5]],
                ))
                if progress:
                    progress(results[-1])
    return results
