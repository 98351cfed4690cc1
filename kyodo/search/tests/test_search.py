"""The site-wide search: what it finds, what it never finds, how it follows publication, and
that no query breaks it — on SQLite and PostgreSQL alike."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kyodo.core import modules
from kyodo.search import queries, text
from kyodo.search.models import Entry

pytestmark = pytest.mark.django_db


def found(q, **filters):
    results = queries.search(q, **filters)
    return results[0:results.count()]


def modules_of(q):
    return {hit.module for hit in found(q)}


# --- Text ---------------------------------------------------------------------------------------

def test_terms_are_nfkc_folded_bigrams():
    assert text.terms("協働推進") == "協働 働推 推進"
    assert text.terms("ＮＰＯ法人") == text.terms("npo法人") == "np po o法 法人"
    assert text.terms("ｶﾀｶﾅ") == text.terms("カタカナ")
    assert text.terms("防災、協働!") == "防災 協働"  # punctuation separates words


def test_hostile_query_text_carries_no_syntax():
    for raw in ['"', "*", "OR", "NEAR(", ":", "'; DROP TABLE search_entry; --", "🙂", "\x00", "a" * 500]:
        query = text.Query(raw)
        assert '"' not in "".join(query.bigrams + query.prefixes)
        assert "'" not in query.tsquery().replace("'", "", 2 * len(query.bigrams + query.prefixes))


def test_snippet_escapes_then_marks():
    html = text.snippet("<script>alert(1)</script> 市民協働の推進", ["協働"])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>協働</mark>" in html


# --- What it finds -------------------------------------------------------------------------------

@pytest.mark.parametrize("q", ["協働", "防災", "ＮＰＯ", "npo", "ｎｐｏ"])
def test_two_character_words_find_content_of_four_modules(world, q):
    assert {"plans", "councils", "lectures", "collaboration"} <= modules_of(q)


def test_unpublished_content_is_never_found(world):
    assert found("機密草稿") == []
    assert found("秘密の下書き") == []
    keys = set(Entry.objects.values_list("key", flat=True))
    for obj, source in [(world.draft_item, "plans.item"), (world.draft_report, "plans.report"),
                        (world.draft_plan, "plans.plan"), (world.inactive_lecture, "lectures.theme"),
                        (world.unlisted, "collaboration.partner"),
                        (world.hidden_project, "collaboration.project")]:
        assert f"{source}:{obj.pk}" not in keys


def test_personal_contacts_are_not_indexed(world):
    assert found("secret") == []
    assert found("example") == []
    assert not Entry.objects.filter(body__contains="222-3333").exists()


def test_rebuild_gives_the_same_index(world):
    before = set(Entry.objects.values_list("key", "title", "body"))
    Entry.objects.all().delete()
    assert found("協働") == []
    names = [s.name for s in modules.search_sources()
             if s.name.split(".")[0] in ("plans", "councils", "lectures", "collaboration")]
    call_command("rebuild_search_index", *[f"--source={n}" for n in names], stdout=open("/dev/null", "w"))
    assert set(Entry.objects.values_list("key", "title", "body")) == before
    assert {"plans", "councils", "lectures", "collaboration"} <= modules_of("協働")


def test_title_matches_come_first(world):
    hits = found("防災")
    in_title = [("防災" in h.entry.title) for h in hits]
    assert in_title == sorted(in_title, reverse=True)
    assert in_title[0]


def test_filters_by_module_organisation_and_year(world):
    assert {h.module for h in found("協働", module="lectures")} == {"lectures"}
    assert found("協働", organisation_ids=[world.other.pk]) == []
    assert all(h.fiscal_year == 2025 for h in found("協働", fiscal_year=2025))
    assert found("協働", fiscal_year=2025)


def test_one_character_is_a_prefix_match(world):
    assert "lectures" in modules_of("防")
    assert {h.entry.title for h in found("防")} >= {"わが家の防災", "防災協働事業"}


# --- Following publication -------------------------------------------------------------------------

def test_the_index_follows_a_publish_and_an_unpublish_at_once(world):
    project = world.hidden_project
    project.published_at = timezone.now()
    project.save()
    assert [h.url for h in found("機密草稿")] == [reverse("collaboration:project", args=["kyodo-city", project.pk])]
    project.published_at = None
    project.save()
    assert found("機密草稿") == []


def test_a_draft_plan_adopted_brings_its_items_and_back(world):
    plan = world.draft_plan
    plan.status = "adopted"
    plan.save()
    assert {h.entry.source for h in found("機密草稿")} == {"plans.item"}
    plan.status = "draft"
    plan.save()
    assert found("機密草稿") == []


def test_a_report_published_then_withdrawn(world):
    report = world.draft_report
    report.status = "published"
    report.published_at = timezone.now()
    report.save()
    assert [h.entry.source for h in found("秘密の下書き")] == ["plans.report"]
    report.status = "withdrawn"
    report.save()
    assert found("秘密の下書き") == []


def test_a_rename_and_a_delete_follow(world):
    world.council.name = "まちづくり円卓会議"
    world.council.save()
    titles = [h.entry.title for h in found("円卓")]
    assert "まちづくり円卓会議" in titles and "第1回 まちづくり円卓会議" in titles
    world.lecture.delete()
    assert "lectures" not in modules_of("防災")


def test_minutes_count_only_once_approved(world):
    meeting = world.meeting
    meeting.minutes = "機密草稿の議事録"
    meeting.minutes_approved_on = None
    meeting.approved_minutes = ""
    meeting.save()
    assert found("機密草稿") == []


def test_every_source_is_hooked():
    from django.db.models.signals import post_delete, post_save

    for source in modules.search_sources():
        assert post_save.has_listeners(source.model), source.name
        assert post_delete.has_listeners(source.model), source.name
        assert source.model._meta.app_label == source.name.split(".")[0]


# --- Hostile queries ------------------------------------------------------------------------------

HOSTILE = ["", " ", "協", "a", "x" * 500, "協働" * 250, '"', '"協働', "*", "協働*", "OR", "a OR b",
           "NEAR(", "NEAR(協働 防災)", ":", "title:協働", "'; DROP TABLE search_entry; --",
           "協働 & 防災 | !x", "(協働)", "🙂", "🙂協働🙂", "\x00", "協\x00働", "\\", "%", "_",
           "ー", "々", "\u3099", "AND", "NOT 協働", "^", "-協働", "{}", "<b>協働</b>"]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_never_error(world, client, q):
    found(q)
    response = client.get(reverse("search:search"), {"q": q})
    assert response.status_code in (200, 400)
    response = client.get("/api/v1/search", {"q": q[:200]})
    assert response.status_code in (200, 422)


def test_search_page_strips_nul_and_cuts_long_queries(world, client):
    response = client.get(reverse("search:search"), {"q": "協\x00働"})
    assert response.status_code == 200
    assert "<mark>協働</mark>推進の仕組みづくり" in response.content.decode()
    response = client.get(reverse("search:search"), {"q": "協働" + "あ" * 600})
    assert response.status_code == 200
    assert "はじめの200文字" in response.content.decode()


def test_symbols_only_get_a_clear_message(world, client):
    response = client.get(reverse("search:search"), {"q": "🙂 *"})
    assert "記号や絵文字だけでは探せません" in response.content.decode()


@pytest.mark.parametrize("params", [{"module": "nope"}, {"org": "nowhere"}, {"year": "x"},
                                    {"year": "99999"}, {"page": "0"}, {"page": "９" * 30}])
def test_bad_filters_are_a_japanese_400(world, client, params):
    response = client.get(reverse("search:search"), {"q": "協働", **params})
    assert response.status_code == 400


# --- Pages, API, feeds ---------------------------------------------------------------------------

def test_search_page_shows_highlighted_results_and_filters(world, client):
    response = client.get(reverse("search:search"), {"q": "防災", "module": "collaboration"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>防災</mark>" in html
    assert "防災協働事業" in response.content.decode().replace("<mark>", "").replace("</mark>", "")
    assert 'data-module="lectures"' not in html
    assert 'role="search"' in html


def test_organisation_scoped_page(world, client):
    response = client.get(reverse("search:search_org", args=["bousai-town"]), {"q": "協働"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    response = client.get(reverse("search:search_org", args=["kyodo-city"]), {"q": "協働"})
    assert response.context["page"].paginator.count >= 8
    assert client.get(reverse("search:search_org", args=["no-such"])).status_code == 404


def test_header_box_on_every_page(world, client):
    html = client.get(reverse("core:portal")).content.decode()
    assert 'action="/search/"' in html and 'role="search"' in html


def test_api_search(world, client):
    data = client.get("/api/v1/search", {"q": "ＮＰＯ", "module": "plans"}).json()
    assert data["count"] >= 1
    assert {item["module"] for item in data["items"]} == {"plans"}
    assert "<mark>" in "".join(item["snippet_html"] + item["title_html"] for item in data["items"])
    assert client.get("/api/v1/search", {"q": "協働", "module": "nope"}).status_code == 400
    assert client.get("/api/v1/search", {"q": "協働", "organisation": "nowhere"}).status_code == 404
    assert client.get("/api/v1/search", {"q": "x" * 201}).status_code == 422


def test_feeds(world, client):
    for url in [reverse("search:feed"), reverse("search:feed_module", args=["plans"]),
                reverse("search:feed_org", args=["kyodo-city"]),
                reverse("search:feed_org_module", args=["kyodo-city", "collaboration"])]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/atom+xml")
    body = client.get(reverse("search:feed_org_module", args=["kyodo-city", "collaboration"])).content.decode()
    assert "防災協働事業" in body and "機密草稿" not in body and "市役所改革プラン" not in body
    assert client.get(reverse("search:feed_module", args=["nope"])).status_code == 404
    assert client.get(reverse("search:feed_org", args=["no-such"])).status_code == 404
    assert "防災協働事業" not in client.get(reverse("search:feed_org", args=["bousai-town"])).content.decode()


# --- At scale: a capped count, a bounded ranking, filters inside the full-text index ------------

def _bulk_rows(org, n, *, title="協働の事業", body="防災と協働 ", start=0, fiscal_year=2025):
    from kyodo.search.index import _row

    return [_row(modules.SearchDocument(
        key=f"bulk.doc:{i}", organisation_id=org.pk, module="collaboration", kind="事業",
        title=f"{title} {i}", body=body * 5, url="/x/", fiscal_year=fiscal_year,
        published_at=timezone.now()), "bulk.doc", i) for i in range(start, start + n)]


def test_count_is_capped_and_pages_stay_within(world, client, monkeypatch):
    monkeypatch.setattr(queries, "CAP", 30)
    Entry.objects.bulk_create(_bulk_rows(world.org, 40))
    results = queries.search("協働")
    assert results.count() == 30 and results.capped
    assert len(results[20:40]) == 10 and results[30:40] == []
    assert queries.search("協働", module="lectures").capped is False
    html = client.get(reverse("search:search"), {"q": "協働"}).content.decode()
    assert "「協働」を含むもの 30件以上" in html
    data = client.get("/api/v1/search", {"q": "協働", "page_size": 20, "page": 2}).json()
    assert (data["count"], data["count_is_capped"], len(data["items"]), data["next"]) == (30, True, 10, None)
    data = client.get("/api/v1/search", {"q": "円卓"}).json()
    assert (data["count"], data["count_is_capped"]) == (0, False)


def test_title_matches_first_beyond_the_cap(world, monkeypatch):
    """More recent body-only matches than the cap do not push an older title match out."""
    monkeypatch.setattr(queries, "CAP", 10)
    Entry.objects.bulk_create(_bulk_rows(world.org, 1, title="防災訓練の報告", start=99))
    Entry.objects.bulk_create(_bulk_rows(world.org, 25, title="お知らせ", body="地域の防災訓練 "))
    hits = found("防災訓練")
    assert len(hits) == 10
    assert hits[0].entry.title == "防災訓練の報告 99"
    assert all("防災訓練" not in h.entry.title for h in hits[1:])


def test_filters_are_terms_of_the_index(world):
    Entry.objects.bulk_create(_bulk_rows(world.other, 5, fiscal_year=2019))
    assert {h.entry.organisation_id for h in found("協働", organisation_ids=[world.other.pk])} == {world.other.pk}
    assert len(found("協働", organisation_ids=[world.other.pk], fiscal_year=2019)) == 5
    assert found("協働", organisation_ids=[world.other.pk], fiscal_year=2025) == []
    assert found("協働", organisation_ids=[world.org.pk, world.other.pk], module="collaboration",
                 fiscal_year=2019)
    assert found("協働", organisation_ids=[]) == []
    # The filter terms are never found as words, not even by a one-letter prefix.
    for q in ["f", "m", "fy2019", f"org{world.other.pk}", "modcollaboration"]:
        assert found(q) == [], q


def test_a_changed_year_moves_the_row_between_filters(world):
    assert found("防災協働事業", fiscal_year=2025)
    world.project.fiscal_year = 2024
    world.project.save()
    assert found("防災協働事業", fiscal_year=2025) == []
    assert [h.entry.title for h in found("防災協働事業", fiscal_year=2024)] == ["防災協働事業"]


# --- Constant queries ----------------------------------------------------------------------------

def _bulk(org, n):
    from kyodo.search.index import _row

    rows = [_row(modules.SearchDocument(
        key=f"bulk.doc:{i}", organisation_id=org.pk, module="collaboration", kind="事業",
        title=f"協働の事業 {i}", body="防災と協働 " * 5, url="/x/", fiscal_year=2025,
        published_at=timezone.now()), "bulk.doc", i) for i in range(n)]
    Entry.objects.bulk_create(rows, batch_size=500)


@pytest.mark.parametrize("size", [10, 300])
def test_search_page_queries_are_constant(world, client, django_assert_max_num_queries, size):
    _bulk(world.org, size)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("search:search"), {"q": "協働", "module": "collaboration",
                                                         "page": "2", "year": "2025"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [10, 300])
def test_api_and_feed_queries_are_constant(world, client, django_assert_max_num_queries, size):
    _bulk(world.org, size)
    with django_assert_max_num_queries(3):
        assert client.get("/api/v1/search", {"q": "協働", "page_size": 50}).status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(reverse("search:feed_org", args=["kyodo-city"])).status_code == 200


# --- Scale data -----------------------------------------------------------------------------------

def test_scale_rows_are_searchable_and_purged(world):
    from kyodo.core import scale as core_scale
    from kyodo.core.models import Organisation
    from kyodo.search import scale

    ctx = core_scale.Context(scale=core_scale.SCALES["xs"], seed=7)
    ctx.organisations = [core_scale.Org(world.other.pk, world.other.name, world.other.slug, "town",
                                        [(0, "防災課")], [], [])]
    scale.generate(ctx)
    ctx.flush()
    assert Entry.objects.filter(source=scale.SOURCE).count() == 100
    hits = found("協働", organisation_ids=[world.other.pk])
    assert 10 < len(hits) < 100
    assert found("防災訓練 地域", organisation_ids=[world.other.pk])
    scale.purge(Organisation.objects.filter(pk=world.other.pk))
    assert found("協働", organisation_ids=[world.other.pk]) == []


def test_feed_of_a_followed_item(world, client, django_assert_max_num_queries):
    world.recommendation.items.add(world.item)
    url = reverse("search:feed_follow", args=["item", world.item.pk])
    with django_assert_max_num_queries(4):
        body = client.get(url).content.decode()
    assert "協働推進の仕組みづくり" in body  # the item and its published report
    assert "防災訓練をＮＰＯと共催した" in body
    assert "防災分野でＮＰＯとの協働を" in body  # a recommendation concerning it
    assert "秘密の下書き" not in body and "防災協働事業" not in body
    council = client.get(reverse("search:feed_follow", args=["council", world.council.pk])).content.decode()
    assert "第1回 協働推進市民会議" in council and "防災分野でＮＰＯとの協働を" in council
    partner_url = reverse("search:feed_follow", args=["partner", world.partner.pk])
    assert client.get(partner_url).status_code == 200
    for kind, pk in [("item", world.draft_item.pk), ("partner", world.unlisted.pk),
                     ("nothing", 1), ("council", 999999)]:
        assert client.get(reverse("search:feed_follow", args=[kind, pk])).status_code == 404
