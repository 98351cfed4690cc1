"""Scale data of the search index (``manage.py generate_scale``): ``ctx.scale.rows`` index rows
(1,000,000 at scale ``l``) over the generated municipalities, so that the search is measured
at the size the issue asks for (scripts/bench: ``search.*``).

The rows are generated documents, not a re-index of the other modules' generated tables:
re-reading a million reports and projects through their sources would take longer than
generating them. Their text is drawn from the same kind of vocabulary (themes, actions, places)
so that a common word (協働: about one row in three) and a narrow one (防災訓練 地域) behave
as they would in real content; each row is in a real module with a real fiscal year and
publication time, and links to the module's page of its municipality. Rows are written with
``core.scale.Table`` (``executemany`` on SQLite, ``COPY`` on PostgreSQL, which computes the
stored tsvector). On SQLite the FTS5 insert trigger is set aside while the rows are written and
the new rows are indexed in one statement afterwards, then the FTS5 segments are merged
('optimize'): a trigger per row costs several times more at a million rows. ``ANALYZE`` follows
on both (``generate_scale`` runs it on PostgreSQL; here for SQLite's FTS-aware planning).
``rebuild_search_index`` removes them (their source ``scale.document`` is not a registered
source); generate the scale data again after a rebuild.
"""

import datetime
import importlib

from django.db import connection

from kyodo.core.scale import jst

from . import text
from .models import Entry

SOURCE = "scale.document"
MODULES = [
    # (module, kind, url tail)
    ("plans", "進捗報告", "plans/"),
    ("plans", "取組項目", "plans/"),
    ("councils", "会議録", "councils/"),
    ("councils", "提言", "councils/recommendations/"),
    ("lectures", "出前講座", "lectures/"),
    ("collaboration", "協働事業", "collaboration/projects/"),
    ("collaboration", "市民活動団体", "collaboration/partners/"),
]
THEMES = ("協働 防災 子育て 環境 福祉 観光 交通 ごみ減量 健康づくり 地域活動 生涯学習 行政改革 "
          "情報公開 窓口サービス 男女共同参画 国際交流 文化振興 スポーツ 農業 商店街").split()
ACTIONS = "推進事業 計画 講座 の取組 支援事業 訓練 調査 ネットワーク 協議会 ボランティア".split()
SENTENCES = (
    "{place}の{theme}について、市民と職員が意見を交わしました。",
    "地域の{theme}を進めるため、{partner}と{theme2}の{action}を実施しました。",
    "参加者は{n}人で、{theme}への関心の高さがうかがえました。",
    "今後は{theme2}との連携を強め、{place}全体に広げていきます。",
    "防災訓練を地域の自治会と合同で行い、避難所の運営を確認しました。",
    "ＮＰＯ法人や町内会と協働して、{theme}の課題を整理しました。",
)
PARTNERS = "ＮＰＯ法人 町内会 自治会 商工会 社会福祉協議会 大学 ボランティア団体 企業".split()


def generate(ctx):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS search_entry_ai")
        first = (Entry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    _write(ctx)
    if connection.vendor == "sqlite":
        ctx.flush()
        insert_trigger = importlib.import_module("kyodo.search.migrations.0003_facets").SQLITE_INSERT
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_entry_fts(rowid, title_terms, body_terms, facet_terms) "
                           "SELECT id, title_terms, body_terms, facet_terms FROM search_entry "
                           "WHERE id >= %s", [first])
            cursor.execute(insert_trigger)
            cursor.execute("INSERT INTO search_entry_fts(search_entry_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE search_entry")


def _write(ctx):
    entries = ctx.table(Entry, [
        "key", "source", "object_id", "organisation_id", "module", "kind", "title", "body",
        "url", "fiscal_year", "published_at", "title_folded", "title_terms", "body_terms",
        "facet_terms"],
        batch=10_000)
    per_org = max(1, round(ctx.scale.rows / max(1, len(ctx.organisations))))
    number = (Entry.objects.filter(source=SOURCE).order_by("-object_id")
              .values_list("object_id", flat=True).first() or 0)
    for org in ctx.organisations:
        rng = ctx.rng("search", org.pk)
        places = [name for _pk, name in org.departments] or [org.name]
        for _ in range(per_org):
            number += 1
            module, kind, tail = MODULES[rng.randrange(len(MODULES))]
            year = rng.choice(ctx.years)
            # 協働 in about a third of the titles or bodies, as in real content of the site.
            theme = "協働" if rng.random() < 0.2 else rng.choice(THEMES)
            title = f"{org.name} {theme}{rng.choice(ACTIONS)}"
            body = "".join(rng.choice(SENTENCES).format(
                place=rng.choice(places), theme=theme, theme2=rng.choice(THEMES),
                partner=rng.choice(PARTNERS), action=rng.choice(ACTIONS), n=rng.randint(5, 300))
                for _s in range(rng.randint(2, 4)))
            day = datetime.date(year, 4, 1) + datetime.timedelta(days=rng.randrange(365))
            when = min(jst(day.year, day.month, day.day, rng.randint(9, 17)), ctx.now)
            entries.add(f"{SOURCE}:{number}", SOURCE, number, org.pk, module, kind, title, body,
                        f"/org/{org.slug}/{tail}", year, when, text.fold(title),
                        text.terms(title), text.terms(body), text.facets(org.pk, module, year))


def purge(organisations):
    Entry.objects.filter(organisation__in=organisations.values("pk"))._raw_delete(organisations.db)
