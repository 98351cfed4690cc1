"""The plans' key pages for scripts/bench (docs/benchmarks.md), at their heaviest instance: the
plan with the most published progress reports — its dashboard, its busiest action item and its
items through the API; and the memory of streaming a million progress reports
(``manage.py bench_download``)."""

import time

from django.urls import reverse

from kyodo.core import downloads
from kyodo.core.bench import heaviest, rss_kib

from .exports import TABLES, report_row
from .models import ActionItem, Plan, ProgressReport


def targets():
    plan = heaviest(Plan.objects.select_related("organisation"), ProgressReport, "item__plan",
                    status=ProgressReport.Status.PUBLISHED)
    if plan is None:
        return []
    slug = plan.organisation.slug
    item = heaviest(ActionItem.objects, ProgressReport, "item", item__plan=plan)
    return [
        ("plan_dashboard", "計画の進み具合", reverse("plans:dashboard", args=[slug, plan.pk])),
        ("action_item", "取組項目", reverse("plans:item", args=[slug, plan.pk, item.pk])),
        ("api_plan_items", "API: 計画の取組項目", f"/api/v1/plans/{plan.pk}/items"),
    ]


def measure_download(fmt, limit):
    """Stream up to ``limit`` published progress reports through the plans' report download
    (same columns, same streaming writer as /plans/<id>/download/reports.<fmt>) and record this
    process's memory as the rows go by: flat when the download streams."""
    reports = (ProgressReport.objects.filter(status=ProgressReport.Status.PUBLISHED)
               .select_related("item").order_by("pk"))[:limit]
    samples = []
    counted = [0]

    def rows():
        for n, report in enumerate(reports.iterator(chunk_size=downloads.BATCH), 1):
            if n % 100_000 == 0 or n == 10_000:
                samples.append((n, rss_kib()))
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
