"""The public catalogue, statistics, downloads and API: filters work, counts are right, the
query count does not grow, and no personal data leaves."""

import csv
import io

import pytest
from django.utils import timezone

from kyodo.lectures.models import Request, Theme

pytestmark = pytest.mark.django_db


def make_held(theme, n, audience=20, status="reported"):
    now = timezone.now()
    for i in range(n):
        last = Request.objects.filter(organisation=theme.organisation).count()
        Request.objects.create(
            organisation=theme.organisation, theme=theme, fiscal_year=2026, sequence=last + 1,
            status=status, group_name=f"町内会{i}", group_kind="neighbourhood", representative="佐藤 一郎",
            phone="011-211-2111", email=f"secret{i}@example.jp", preferred_1=now, venue="佐藤宅",
            venue_address="札幌市中央区北1条西5丁目", audience=audience, department=theme.department,
            starts_at=now, ends_at=now, actual_audience=audience)


def test_catalogue_search_and_filters(client, theme, sapporo, office):
    Theme.objects.create(organisation=sapporo, fiscal_year=2026, number=2, title="ごみの減量とリサイクル",
                         summary="分け方", department=office, category="environment", keywords="分別")
    page = client.get("/org/sapporo/lectures/?q=分別").content.decode()
    assert "ごみの減量" in page and "市役所改革" not in page
    page = client.get("/org/sapporo/lectures/?category=city").content.decode()
    assert "市役所改革" in page and "ごみの減量" not in page


def test_theme_page_counts_how_often_it_was_held(client, theme):
    make_held(theme, 3)
    make_held(theme, 2, status="decided")
    assert 'data-testid="times-held">3回<' in client.get(f"/org/sapporo/lectures/themes/{theme.pk}/").content.decode()


def test_statistics_and_downloads_without_personal_data(client, theme):
    make_held(theme, 2, audience=30)
    page = client.get("/org/sapporo/lectures/statistics/?fiscal_year=2026").content.decode()
    assert 'data-testid="stat-held">2<' in page and 'data-testid="stat-audience">60<' in page
    raw = client.get("/org/sapporo/lectures/statistics/download.csv?fiscal_year=2026").content
    assert raw.startswith(b"\xef\xbb\xbf") and "実施件数".encode() in raw
    events = b"".join(client.get("/org/sapporo/lectures/open-data/events.csv").streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(events)))
    assert len(rows) == 2 and rows[0]["全国地方公共団体コード"] == "011002"  # the current layout
    assert list(rows[0])[:4] == ["全国地方公共団体コード", "ID", "地方公共団体名", "イベント名"]
    assert rows[0]["イベント名"] == "出前講座「市役所改革 ― 市民志向・成果志向の市役所へ」"
    assert rows[0]["場所名称"] == "" and rows[0]["所在地_連結表記"] == "北海道札幌市"  # the municipality at most
    held = client.get("/api/v1/organisations/sapporo/lectures/held").json()
    assert held["items"][0]["venue"] == "北海道札幌市"
    for text in (page, raw.decode("utf-8-sig"), events, str(held)):
        assert "secret" not in text and "佐藤 一郎" not in text and "011-211-2111" not in text
        assert "佐藤宅" not in text and "中央区北1条" not in text


def test_ical_feed_of_a_department(client, theme):
    make_held(theme, 1, status="decided")
    body = client.get(f"/org/sapporo/lectures/calendar/{theme.department_id}.ics").content.decode()
    assert body.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in body and "secret" not in body


@pytest.mark.parametrize("size", [3, 60])
def test_list_pages_run_a_fixed_number_of_queries(client, theme, size, django_assert_max_num_queries):
    make_held(theme, size)
    with django_assert_max_num_queries(4):
        assert client.get("/org/sapporo/lectures/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/org/sapporo/lectures/statistics/?fiscal_year=2026").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/api/v1/organisations/sapporo/lectures/held").json()["count"] == size


def test_the_statistics_per_theme_stack_on_a_phone_with_labelled_figures(client, theme):
    """Five columns do not fit 390 px: each theme becomes a card headed by its title, each
    figure labelled (issue 14 §8), instead of a silent horizontal scroll."""
    make_held(theme, 1, audience=20)
    page = client.get("/org/sapporo/lectures/statistics/?fiscal_year=2026").content.decode()
    table = page[page.index('id="theme-caption"') - 200:]
    assert 'class="table table--stack"' in table[:250]
    assert f'<th scope="row">{theme.title}</th>' in table
    for label in ("番号", "申込", "実施", "受講者数"):
        assert f'data-label="{label}"' in table
