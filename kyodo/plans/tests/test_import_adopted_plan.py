"""Changes to an adopted (策定済) plan go through its trail (issue 14 §2): an import, the item
screens and the plain setters never change what an item promises without a 見直し; the import
first shows the revisions it would record and asks for the reason. Departments are written by
their full path, so the template given out imports back unchanged even with two 総務課."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from kyodo.core.tests import pickers
from kyodo.plans import actions
from kyodo.plans.models import ActionItem, IndicatorTarget, Revision, Theme

pytestmark = pytest.mark.django_db

MANAGE = "/org/sapporo/plans/manage/"


@pytest.fixture
def two_somuka(sapporo):
    """Like the demo: 総務局 総務部 総務課 and 財政局 総務部 総務課."""
    return pickers.two_somuka(sapporo, division="総務部")


@pytest.fixture
def demo_like(plan, theme, item, indicator, two_somuka, coordinator):
    second = ActionItem.objects.create(theme=theme, code="1-2", title="文書管理の電子化")
    second.departments.set(two_somuka)
    Theme.objects.create(plan=plan, number=2, title="市役所経営資源の改革", description="人・財源")
    return plan


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


def template(client, plan):
    return load_workbook(io.BytesIO(client.get(f"{MANAGE}{plan.pk}/import/template.xlsx").content))


def upload(book):
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "plan.xlsx"
    return buffer


def snapshot(plan):
    return (
        list(ActionItem.objects.filter(plan=plan).values_list("code", "title", "description", "theme__number")),
        sorted(ActionItem.departments.through.objects.filter(actionitem__plan=plan)
               .values_list("actionitem__code", "department_id")),
        sorted(IndicatorTarget.objects.filter(indicator__item__plan=plan).values_list("fiscal_year", "value")),
    )


def test_the_template_imports_back_unchanged(signed_in, demo_like, two_somuka):
    book = template(signed_in, demo_like)
    assert book["取組項目"]["E3"].value == "財政局 総務部 総務課、総務局 総務部 総務課" or \
        book["取組項目"]["E3"].value == "総務局 総務部 総務課、財政局 総務部 総務課"
    before = snapshot(demo_like)
    response = signed_in.post(f"{MANAGE}{demo_like.pk}/import/", {"file": upload(book)})
    assert response.status_code == 302  # accepted at once: nothing to revise
    assert snapshot(demo_like) == before and not Revision.objects.exists()


def test_an_import_into_an_adopted_plan_shows_the_revisions_then_records_them(
        client, signed_in, demo_like, item, indicator, two_somuka):
    book = template(signed_in, demo_like)
    book["取組項目"]["C2"].value = "出前講座の拡充"
    book["取組項目"]["E2"].value = "総務局 総務部 総務課"
    book["成果指標"]["H2"].value = 400  # 目標値 of 2006 (350 before)
    before = snapshot(demo_like)
    preview = signed_in.post(f"{MANAGE}{demo_like.pk}/import/", {"file": upload(book)})
    page = preview.content.decode()
    assert preview.status_code == 200 and "取り込みによる見直しの確認" in page
    for text in ("出前講座の充実", "出前講座の拡充", "総務局 総務部 総務課", "350", "400"):
        assert text in page
    assert snapshot(demo_like) == before  # nothing written yet

    refused = signed_in.post(f"{MANAGE}{demo_like.pk}/import/", {"confirm": "1", "reason_category": "", "reason": ""})
    assert refused.status_code == 200 and snapshot(demo_like) == before

    done = signed_in.post(f"{MANAGE}{demo_like.pk}/import/", {
        "confirm": "1", "reason_category": "environment", "reason": "区役所の再編に合わせて見直します。"})
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.title == "出前講座の拡充" and [d.pk for d in item.departments.all()] == [two_somuka[0].pk]
    assert indicator.targets.get(fiscal_year=2006).value == 400
    [revision] = Revision.objects.all()
    assert revision.item == item and revision.reason == "区役所の再編に合わせて見直します。"
    assert revision.before["title"] == "出前講座の充実" and revision.after["title"] == "出前講座の拡充"
    assert revision.before[f"target.{indicator.pk}.2006"] == "350"
    client.logout()
    public = client.get(f"/org/sapporo/plans/{demo_like.pk}/items/{item.pk}/").content.decode()
    assert "見直しはありません" not in public
    assert "区役所の再編に合わせて見直します。" in public and "出前講座の拡充" in public


def test_a_draft_plan_imports_changes_without_revisions(signed_in, demo_like, item):
    demo_like.status = "draft"
    demo_like.save()
    book = template(signed_in, demo_like)
    book["取組項目"]["C2"].value = "出前講座の拡充"
    assert signed_in.post(f"{MANAGE}{demo_like.pk}/import/", {"file": upload(book)}).status_code == 302
    item.refresh_from_db()
    assert item.title == "出前講座の拡充" and not Revision.objects.exists()


def test_the_setters_refuse_an_adopted_plans_promises(plan, item, indicator, coordinator, two_somuka):
    item.title = "別の名前"
    with pytest.raises(ValidationError, match="見直し"):
        actions.save_item(coordinator, item)
    item.refresh_from_db()
    with pytest.raises(ValidationError, match="見直し"):
        actions.save_item(coordinator, item, departments=[two_somuka[0]])
    with pytest.raises(ValidationError, match="見直し"):
        actions.set_targets(coordinator, indicator, {2006: "999"})
    with pytest.raises(ValidationError, match="見直し"):
        actions.set_schedule(coordinator, item, 2005, "新しい予定")
    assert indicator.targets.get(fiscal_year=2006).value == 350
    item.refresh_from_db()
    assert item.title == "出前講座の充実"


def test_the_item_screen_leaves_an_adopted_items_content_to_the_revision(signed_in, plan, theme, item,
                                                                        sapporo_department):
    form = {"theme": theme.pk, "code": "1-1", "title": "書き換えた名前", "description": "",
            "departments": [sapporo_department.pk], "sort_order": 3}
    response = signed_in.post(f"{MANAGE}{plan.pk}/items/{item.pk}/", form)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "出前講座の充実" and item.sort_order == 0  # the fields are fixed


def test_a_revision_can_change_the_departments(signed_in, plan, item, two_somuka, sapporo_department):
    form = {"reason_category": "other", "reason": "組織改正", "title": item.title, "description": "",
            "departments": [two_somuka[1].pk], "theme": item.theme_id, "code": item.code, "sort_order": 0}
    response = signed_in.post(f"{MANAGE}items/{item.pk}/revise/", form)
    assert response.status_code == 302
    [revision] = Revision.objects.all()
    assert revision.after == {"departments": "財政局 総務部 総務課"}
    assert revision.before["departments"].endswith("広報課")
