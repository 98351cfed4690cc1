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


def _declared(name, title, path, kind=None):
    """A target as a module declares it: (name, title, path), optionally with its kind."""
    return Target(name, title, path, kind or ("api" if path.startswith("/api/") else "page"))


def targets():
    """The ceiling, the foundation's pages and every module's declared targets, in that order."""
    from . import modules

    found = [Target("hello", "フレームワークの上限 (hello world)", "/bench/hello"),
             Target("portal", "ポータル", reverse("core:portal"))]
    # An organisation's home draws its department tree; the rest of it is bounded (frontdoor).
    organisation_id = busiest(Department, "organisation")
    if organisation_id is not None:
        slug = Organisation.objects.get(pk=organisation_id).slug
        found.append(Target("organisation", "団体のホーム", reverse("core:organisation", args=[slug])))
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
