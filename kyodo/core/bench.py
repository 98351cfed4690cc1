"""What the load benchmark drives (``scripts/bench``, docs/benchmarks.md): the key public pages.

``targets()`` picks, in whatever database is configured, the heaviest instance of each key page
— the plan with the most progress reports, the evaluation round with the most ratings, the
survey year with the most projects — so that the benchmark measures the worst page a visitor
can reach, not the demo's smallest. ``count_queries()`` renders each one through the test client
with the page cache bypassed and counts its SQL queries.
"""

from dataclasses import asdict, dataclass

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from kyodo.collaboration.models import Partner, Project, SurveyCampaign
from kyodo.councils.models import EvaluationRound, Rating, Recommendation
from kyodo.lectures.models import Request, Theme
from kyodo.plans.models import ActionItem, Plan, ProgressReport

from .models import Organisation


@dataclass
class Target:
    name: str
    title: str
    path: str
    queries: int | None = None
    status: int | None = None


def _busiest(model, field, **filters):
    """The value of ``field`` that most rows of ``model`` share (one GROUP BY query)."""
    row = (model.objects.filter(**filters).values(field).annotate(n=Count("pk"))
           .order_by("-n", field).first())
    return row[field] if row else None


def targets():
    """The key pages and one API list, each at its heaviest instance in this database."""
    found = [Target("hello", "フレームワークの上限 (hello world)", "/bench/hello")]
    add = found.append
    add(Target("portal", "ポータル", reverse("core:portal")))

    plan = Plan.objects.select_related("organisation").get(
        pk=_busiest(ProgressReport, "item__plan", status=ProgressReport.Status.PUBLISHED))
    slug = plan.organisation.slug
    add(Target("organisation", "団体のホーム", reverse("core:organisation", args=[slug])))
    add(Target("plan_dashboard", "計画の進み具合", reverse("plans:dashboard", args=[slug, plan.pk])))
    item = ActionItem.objects.get(pk=_busiest(ProgressReport, "item", item__plan=plan))
    add(Target("action_item", "取組項目", reverse("plans:item", args=[slug, plan.pk, item.pk])))

    round_ = EvaluationRound.objects.select_related("council__organisation").get(
        pk=_busiest(Rating, "round", round__status=EvaluationRound.Status.PUBLISHED))
    add(Target("council_evaluation", "市民会議の評価結果", reverse(
        "councils:evaluation", args=[round_.council.organisation.slug, round_.pk])))
    tracking_org = Organisation.objects.get(
        pk=_busiest(Recommendation, "report__council__organisation"))
    add(Target("recommendation_tracking", "提言の反映状況",
               reverse("councils:tracking", args=[tracking_org.slug])))

    lecture_org = Organisation.objects.get(pk=_busiest(Request, "organisation"))
    if not Theme.objects.filter(organisation=lecture_org).exists():
        lecture_org = Organisation.objects.get(pk=_busiest(Theme, "organisation"))
    add(Target("lecture_catalogue", "出前講座の講座一覧",
               reverse("lectures:catalogue", args=[lecture_org.slug])))
    add(Target("lecture_statistics", "出前講座の実施統計",
               reverse("lectures:statistics", args=[lecture_org.slug])))

    campaign = SurveyCampaign.objects.select_related("organisation").get(
        pk=_busiest(Project, "campaign", campaign__status=SurveyCampaign.Status.PUBLISHED))
    add(Target("collaboration_report", "協働取組実態調査の結果", reverse(
        "collaboration:report", args=[campaign.organisation.slug, campaign.fiscal_year])))
    partner_org = Organisation.objects.get(pk=_busiest(Partner, "organisation"))
    add(Target("partner_directory", "市民活動団体の名簿",
               reverse("collaboration:partners", args=[partner_org.slug])))
    project_org = Organisation.objects.get(pk=_busiest(Project, "organisation"))
    add(Target("api_projects", "API: 協働事業の一覧",
               f"/api/v1/organisations/{project_org.slug}/collaboration/projects"))
    from . import modules

    found.extend(Target(name, title, path) for name, title, path in modules.bench_targets())
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


def _rss_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def measure_download(fmt, limit):
    """Stream up to ``limit`` published progress reports through the plans' report download
    (same columns, same streaming writer as /plans/<id>/download/reports.<fmt>) and record this
    process's memory as the rows go by: flat when the download streams."""
    import time

    from kyodo.plans.exports import TABLES, report_row

    from . import downloads

    reports = (ProgressReport.objects.filter(status=ProgressReport.Status.PUBLISHED)
               .select_related("item").order_by("pk"))[:limit]
    samples = []
    counted = [0]

    def rows():
        for n, report in enumerate(reports.iterator(chunk_size=downloads.BATCH), 1):
            if n % 100_000 == 0 or n == 10_000:
                samples.append((n, _rss_kib()))
            counted[0] = n
            yield report_row(report)

    written = 0
    started = time.perf_counter()
    response = downloads.response(fmt, f"reports.{fmt}", TABLES["reports"][1], rows())
    for chunk in response.streaming_content:
        written += len(chunk)
    seconds = time.perf_counter() - started
    return {"format": fmt, "rows": counted[0], "bytes": written,
            "seconds": round(seconds, 1),
            "rss_mib_at": {str(n): round(kib / 1024, 1) for n, kib in samples}}
