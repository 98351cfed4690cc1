"""The benchmark's instrument (docs/benchmarks.md): the key pages come from the modules, each
answers on the demo data, and ``bench_profile`` says where a page's time goes."""

import ast
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from kyodo.core import bench, modules

CORE = Path(bench.__file__).parent


def imported_modules(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield "." * node.level + (node.module or "")


@pytest.mark.parametrize("path", [CORE / "bench.py",
                                  CORE / "management" / "commands" / "bench_pages.py",
                                  CORE / "management" / "commands" / "bench_profile.py"])
def test_the_foundations_bench_imports_no_domain_module(path):
    domain = [name for name in imported_modules(path)
              if name.startswith("kyodo.") and not name.startswith("kyodo.core")]
    assert domain == []


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The demo data, loaded once for this file's tests and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", quiet_users=True)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_world, db):
    pass


def test_every_declared_target_answers_on_the_demo_data(demo):
    found = bench.targets()
    names = [t.name for t in found]
    assert len(names) == len(set(names))
    # The modules' key pages, among them each module's API list.
    assert {"organisation", "plan_dashboard", "action_item", "api_plan_items", "council_evaluation",
            "recommendation_tracking", "api_recommendations", "lecture_catalogue",
            "lecture_statistics", "api_lecture_themes", "collaboration_report",
            "partner_directory", "api_projects"} <= set(names)
    assert {t.kind for t in found if t.path.startswith("/api/")} == {"api"}
    counted = bench.count_queries(found)
    assert [(t["name"], t["status"]) for t in counted if t["status"] not in (None, 200)] == []


def test_a_module_declares_targets_by_dotted_path_and_may_give_their_kind(db, monkeypatch):
    monkeypatch.setitem(modules._registry, "bench", [
        "kyodo.core.tests.test_bench.declared", lambda: [("feed", "フィード", "/feeds/x.atom", "api")]])
    found = {t.name: t for t in bench.targets()}
    assert (found["declared"].path, found["declared"].kind) == ("/api/v1/organisations", "api")
    assert (found["page"].kind, found["feed"].kind) == ("page", "api")


def declared():
    return [("declared", "宣言", "/api/v1/organisations"), ("page", "ページ", "/")]


def test_profile_splits_a_pages_time_by_where_it_was_spent(demo, tmp_path):
    pytest.importorskip("pyinstrument")
    found = [t for t in bench.targets() if t.name in ("plan_dashboard", "api_projects")]
    for cold in (True, False):
        results = bench.profile(found, requests=2, cold=cold, html_dir=tmp_path)
        assert [(r.name, r.status) for r in results] == [("plan_dashboard", 200), ("api_projects", 200)]
        for r in results:
            assert r.median_ms > 0 and r.queries >= 1
            assert sum(r.shares.values()) == pytest.approx(1.0)
            assert all(OWN in where for where, _share in r.own) and len(r.own) <= 5
    dashboard, api = results
    assert dashboard.shares["template"] > 0 and api.shares["serialisation"] > 0
    assert (tmp_path / "plan_dashboard-cold.html").exists()


OWN = "kyodo/"


def test_bench_profile_prints_a_line_per_page(demo, capsys, tmp_path):
    pytest.importorskip("pyinstrument")
    call_command("bench_profile", "--page", "lecture_catalogue", "--requests", "1", "--signed-in",
                 "--json", str(tmp_path / "profile.json"))
    out = capsys.readouterr().out
    assert "warm, signed in" in out and "\nlecture_catalogue " in out
    assert (tmp_path / "profile.json").read_text().startswith('[{"name": "lecture_catalogue"')
