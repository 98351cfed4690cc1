"""Every staff write is recorded with who, when, what, before and after; organisation admins
read their organisation's log as a person reads it (labels, names, 和暦 and Japan time, who
acted), filter it, and export it for information-disclosure requests — private contacts masked
unless they also handle them."""

import csv
import datetime
import io

import pytest
from auditlog.middleware import AuditlogMiddleware
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kyodo.collaboration.models import Partner, PartnerMember
from kyodo.core import actions
from kyodo.core.actions import acting_as
from kyodo.core.audit import MASKED
from kyodo.core.models import AuditEntry, Department

from .factories import DepartmentFactory, UserFactory, grant


@pytest.fixture
def admin(sapporo_admin):
    return sapporo_admin


def test_a_staff_edit_through_the_site_records_actor_before_and_after(client, admin, sapporo):
    department = DepartmentFactory(organisation=sapporo, name="広報課", phone="011-211-2036")
    client.force_login(admin)
    client.post(reverse("manage:department_edit", args=["sapporo", department.pk]), {
        "name": "広報課", "kind": "division", "sort_order": 0, "phone": "011-211-2000",
    })
    entry = AuditEntry.objects.get_for_object(department).latest()
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.actor == admin
    assert entry.organisation == sapporo
    assert entry.changes_dict["phone"] == ["011-211-2036", "011-211-2000"]
    assert entry.timestamp is not None


def test_actions_outside_a_request_record_the_actor_too(sapporo, admin):
    department = actions.save_department(admin, Department(organisation=sapporo, name="新設課",
                                                           kind="division"))
    entry = AuditEntry.objects.get_for_object(department).get(action=AuditEntry.Action.CREATE)
    assert entry.actor == admin and entry.organisation == sapporo


def test_deletions_keep_the_values_before(sapporo, admin):
    department = DepartmentFactory(organisation=sapporo, name="廃止課")
    actions.delete_department(admin, department)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DELETE)
    assert entry.changes_dict["name"][0] == "廃止課"
    assert entry.actor == admin


def test_admin_sees_only_their_organisations_entries(client, admin, sapporo, hokkaido):
    actions.save_department(admin, Department(organisation=sapporo, name="札幌の課", kind="division"))
    actions.save_department(None, Department(organisation=hokkaido, name="道の課", kind="division"))
    client.force_login(admin)
    html = client.get(reverse("manage:audit", args=["sapporo"])).content.decode()
    assert "札幌の課" in html
    assert "道の課" not in html


def test_audit_log_filters_by_actor_and_action(client, admin, sapporo):
    other = UserFactory(email="other@sapporo.example.jp")
    actions.save_department(admin, Department(organisation=sapporo, name="甲課", kind="division"))
    department = actions.save_department(other, Department(organisation=sapporo, name="乙課",
                                                           kind="division"))
    department.phone = "011-000-0000"
    actions.save_department(other, department)
    client.force_login(admin)
    url = reverse("manage:audit", args=["sapporo"])
    entries = client.get(url, {"actor": "other@"}).context["page"].object_list
    assert {e.object_repr for e in entries} == {"乙課"}
    entries = client.get(url, {"action": AuditEntry.Action.UPDATE}).context["page"].object_list
    assert [e.object_repr for e in entries] == ["乙課"]


def test_htmx_filter_returns_only_the_results_fragment(client, admin, sapporo):
    client.force_login(admin)
    response = client.get(reverse("manage:audit", args=["sapporo"]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="audit-results"' in html and "<html" not in html


@pytest.mark.parametrize("count", [5, 60])
def test_audit_page_query_count_is_constant(client, admin, sapporo, count,
                                            django_assert_max_num_queries):
    for i in range(count):
        actions.save_department(admin, Department(organisation=sapporo, name=f"課{i}",
                                                  kind="division"))
    client.force_login(admin)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("manage:audit", args=["sapporo"])).status_code == 200


def test_audit_log_filters_by_kind_of_record(client, admin, sapporo):
    from django.contrib.contenttypes.models import ContentType

    from kyodo.core.models import RoleAssignment

    actions.save_department(admin, Department(organisation=sapporo, name="丙課", kind="division"))
    actions.grant_role(admin, user=UserFactory(), role="reviewer", organisation=sapporo)
    client.force_login(admin)
    kind = ContentType.objects.get_for_model(RoleAssignment)
    response = client.get(reverse("manage:audit", args=["sapporo"]), {"content_type": kind.pk})
    entries = response.context["page"].object_list
    assert entries and all(e.content_type == kind for e in entries)
    assert "役割" in response.content.decode()  # the kind is named in Japanese in the filter


# --- The log as a person reads it (issue 14 item 6) ----------------------------------------------

PHONE = "011-555-0199"
CONTACT = "山田 花子"


def audit_page(client, **params):
    return client.get(reverse("manage:audit", args=["sapporo"]), params)


def lines_of(response):
    return response.context["lines"]


def cells(line):
    return {change.label: (change.before, change.after) for change in line.changes}


def register_partner(actor, sapporo, **fields):
    with acting_as(actor):
        return Partner.objects.create(
            organisation=sapporo, name=fields.pop("name", "NPO法人さっぽろ緑の会"),
            partner_type="npo", contact_name=CONTACT, phone=PHONE, email="hanako@example.jp",
            address="札幌市中央区南1条西1丁目", **fields)


def as_anonymous_visitor(write):
    """Run ``write`` inside a POST by a visitor who is not signed in, through auditlog's own
    middleware (as the public forms run)."""
    def view(request):
        write()
        return HttpResponse()

    request = RequestFactory().post("/apply/", REMOTE_ADDR="203.0.113.7")
    request.user = AnonymousUser()
    AuditlogMiddleware(view)(request)


def test_codes_become_labels_ids_become_names(admin_client, admin, sapporo):
    bureau = actions.save_department(admin, Department(organisation=sapporo, name="総務局",
                                                       kind="bureau"))
    actions.save_department(admin, Department(organisation=sapporo, name="広報課", kind="division",
                                              parent=bureau))
    html = audit_page(admin_client).content.decode()
    line = next(line for line in lines_of(audit_page(admin_client)) if line.name == "広報課")
    assert line.kind == "部署" and line.action == "作成"
    assert cells(line)["種別"][1] == "課"  # not "division"
    assert cells(line)["上位の組織"][1] == "総務局"  # not the id
    assert "division" not in html and f"→ {bureau.pk}<" not in html


def test_a_changed_key_names_both_objects_and_empty_is_said(admin_client, admin, sapporo):
    first = actions.save_department(admin, Department(organisation=sapporo, name="市民局",
                                                      kind="bureau"))
    second = actions.save_department(admin, Department(organisation=sapporo, name="環境局",
                                                       kind="bureau"))
    division = actions.save_department(admin, Department(organisation=sapporo, name="生活課",
                                                         kind="division"))
    division.parent = first
    actions.save_department(admin, division)
    division.parent = second
    actions.save_department(admin, division)
    changes = [cells(line)["上位の組織"] for line in lines_of(audit_page(admin_client))
               if line.name == "生活課" and line.action == "変更"]
    assert changes == [("市民局", "環境局"), ("(なし)", "市民局")]


def test_a_deleted_object_keeps_its_recorded_name(admin_client, admin, sapporo):
    bureau = actions.save_department(admin, Department(organisation=sapporo, name="旧局",
                                                       kind="bureau"))
    division = actions.save_department(admin, Department(organisation=sapporo, name="残る課",
                                                         kind="division", parent=bureau))
    division.parent = None
    actions.save_department(admin, division)
    actions.delete_department(admin, bureau)
    change = next(cells(line)["上位の組織"] for line in lines_of(audit_page(admin_client))
                  if line.name == "残る課" and line.action == "変更")
    assert change == ("旧局（削除済み）", "(なし)")


def test_booleans_dates_and_times_read_in_japanese(client, sapporo, sapporo_department):
    handler = UserFactory(display_name="協働 担当")
    grant(handler, "org_admin", sapporo)
    grant(handler, "coordinator", sapporo, sapporo_department)
    partner = register_partner(handler, sapporo, phone_public=True)
    with acting_as(handler):
        # 2026-04-01 00:30 UTC is 09:30 in Japan.
        partner.verified_at = datetime.datetime(2026, 4, 1, 0, 30, tzinfo=datetime.UTC)
        partner.verified_by = handler
        partner.save()
    client.force_login(handler)
    response = audit_page(client)
    created, verified = (
        next(line for line in lines_of(response) if line.action == action
             and line.kind == "市民活動団体") for action in ("作成", "変更"))
    assert cells(created)["電話番号を公開する"][1] == "はい"
    assert cells(created)["メールアドレスを公開する"][1] == "いいえ"
    assert cells(verified)["確認日時"][1] == "令和8年4月1日 09:30"
    assert cells(verified)["確認した職員"][1] == "協働 担当"
    html = response.content.decode()
    assert "None" not in html and "True" not in html and "False" not in html
    # The time of the entry itself is Japan time too.
    now = timezone.localtime()
    assert created.when.endswith(f"{now:%H}:{now:%M}") or created.when.endswith(
        f"{(now - datetime.timedelta(minutes=1)):%H:%M}")


def test_an_object_without_a_name_of_its_own_is_named_by_what_it_belongs_to(
        admin_client, admin, sapporo):
    partner = register_partner(admin, sapporo)
    with acting_as(admin):
        PartnerMember.objects.create(partner=partner, user=UserFactory())
    names = {line.name for line in lines_of(audit_page(admin_client))}
    assert "NPO法人さっぽろ緑の会 の団体のメンバー" in names
    assert not any("object (" in name for name in names)


def test_an_anonymous_applicant_and_a_scheduled_task_are_told_apart(admin_client, admin, sapporo):
    as_anonymous_visitor(lambda: actions.save_department(
        None, Department(organisation=sapporo, name="申込で出来た課", kind="division")))
    actions.save_department(None, Department(organisation=sapporo, name="定時処理の課",
                                             kind="division"))
    actors = {line.name: line.actor for line in lines_of(audit_page(admin_client))}
    assert actors["申込で出来た課"] == "申込者"
    assert actors["定時処理の課"] == "システム"
    assert "(システム)" not in audit_page(admin_client).content.decode()


def test_a_lecture_request_from_the_public_form_is_the_applicants(admin_client, sapporo):
    from kyodo.lectures import actions as lecture_actions
    from kyodo.lectures.models import LectureRules, Theme
    from kyodo.lectures.tests.conftest import next_weekday_at

    LectureRules.objects.create(organisation=sapporo, service_area="札幌市")
    office = DepartmentFactory(organisation=sapporo, name="市政推進室", kind="office")
    theme = Theme.objects.create(organisation=sapporo, fiscal_year=2026, number=1, title="市役所改革",
                                 summary="説明", department=office, duration_minutes=90,
                                 category="city")
    data = {
        "group_name": "北一条町内会", "group_kind": "neighbourhood", "representative": "佐藤 一郎",
        "phone": "011-211-2111", "email": "sato@example.jp", "preferred_1": next_weekday_at(30),
        "preferred_2": None, "preferred_3": None, "venue": "北一条会館",
        "venue_address": "札幌市中央区北1条西5丁目", "audience": 25, "questions": "",
        "equipment": "", "purpose_confirmed": True,
    }
    as_anonymous_visitor(lambda: lecture_actions.submit_request(sapporo, theme, data))
    line = next(line for line in lines_of(audit_page(admin_client))
                if line.kind == "出前講座の申込")
    assert line.actor == "申込者"
    assert cells(line)["状態"][1] == "申込"  # the label, not "submitted"
    assert cells(line)["担当課"][1] == "市政推進室"


# --- Personal data masked for those who do not handle it ----------------------------------------

def test_an_org_admin_sees_private_contacts_masked(admin_client, admin, sapporo):
    register_partner(admin, sapporo)
    html = audit_page(admin_client).content.decode()
    line = next(line for line in lines_of(audit_page(admin_client)) if line.kind == "市民活動団体")
    assert cells(line)["電話番号"][1] == MASKED
    assert cells(line)["連絡担当者"][1] == MASKED
    assert cells(line)["団体名"][1] == "NPO法人さっぽろ緑の会"  # public values stay readable
    assert PHONE not in html and CONTACT not in html and "hanako@example.jp" not in html
    assert "個人情報のため非表示" in html


def test_an_org_admin_who_also_handles_the_cases_sees_them(client, sapporo, sapporo_department):
    handler = UserFactory()
    grant(handler, "org_admin", sapporo)
    grant(handler, "coordinator", sapporo, sapporo_department)
    register_partner(handler, sapporo)
    client.force_login(handler)
    html = audit_page(client).content.decode()
    assert PHONE in html and CONTACT in html
    assert "個人情報のため非表示" not in html


def test_the_handling_role_counts_only_in_its_own_organisation(client, sapporo, hokkaido,
                                                               hokkaido_department):
    admin_here = UserFactory()
    grant(admin_here, "org_admin", sapporo)
    grant(admin_here, "reception_desk", hokkaido, hokkaido_department)
    register_partner(admin_here, sapporo)
    client.force_login(admin_here)
    assert PHONE not in audit_page(client).content.decode()


def test_a_resident_who_acted_with_an_account_is_not_named_to_a_non_handler(
        admin_client, admin, sapporo):
    resident = UserFactory(display_name="住民 太郎")
    actions.save_department(resident, Department(organisation=sapporo, name="某課",
                                                 kind="division"))
    line = next(line for line in lines_of(audit_page(admin_client)) if line.name == "某課")
    assert line.actor == "申込者（ログイン利用者）"
    assert "住民 太郎" not in audit_page(admin_client).content.decode()


# --- Filters ---------------------------------------------------------------------------------------

def test_filter_by_person_name_or_address(admin_client, admin, sapporo):
    other = UserFactory(email="kikaku@sapporo.example.jp", display_name="企画 次郎")
    actions.save_department(admin, Department(organisation=sapporo, name="甲課", kind="division"))
    actions.save_department(other, Department(organisation=sapporo, name="乙課", kind="division"))
    for term in ("企画", "kikaku@", "ｋｉｋａｋｕ"):  # full-width typed on a phone is the same
        assert {line.name for line in lines_of(audit_page(admin_client, actor=term))} == {"乙課"}


def test_filter_by_origin(admin_client, admin, sapporo):
    actions.save_department(admin, Department(organisation=sapporo, name="職員の課", kind="division"))
    actions.save_department(None, Department(organisation=sapporo, name="処理の課", kind="division"))
    as_anonymous_visitor(lambda: actions.save_department(
        None, Department(organisation=sapporo, name="申込の課", kind="division")))
    ours = {"職員の課", "処理の課", "申込の課"}
    for origin, name in (("account", "職員の課"), ("system", "処理の課"), ("applicant", "申込の課")):
        names = {line.name for line in lines_of(audit_page(admin_client, origin=origin))}
        assert names & ours == {name}, origin


def test_filter_by_object_name_or_number(admin_client, admin, sapporo):
    kept = actions.save_department(admin, Department(organisation=sapporo, name="対象課",
                                                     kind="division"))
    actions.save_department(admin, Department(organisation=sapporo, name="別の課", kind="division"))
    assert {line.name for line in lines_of(audit_page(admin_client, target="対象"))} == {"対象課"}
    by_number = lines_of(audit_page(admin_client, target=str(kept.pk)))
    assert {line.entry.object_id for line in by_number} == {kept.pk}
    # A number beyond any id is just a name search, not a database error.
    assert audit_page(admin_client, target="9" * 30).status_code == 200


def test_filter_by_period_in_japan_days_and_era_dates(admin_client, admin, sapporo):
    old = actions.save_department(admin, Department(organisation=sapporo, name="三月の課",
                                                    kind="division"))
    new = actions.save_department(admin, Department(organisation=sapporo, name="四月の課",
                                                    kind="division"))
    # 2026-03-31 16:00 UTC is already 1 April in Japan.
    AuditEntry.objects.get_for_object(old).update(
        timestamp=datetime.datetime(2026, 3, 31, 14, 0, tzinfo=datetime.UTC))
    AuditEntry.objects.get_for_object(new).update(
        timestamp=datetime.datetime(2026, 3, 31, 16, 0, tzinfo=datetime.UTC))
    for since in ("2026-04-01", "令和8年4月1日", "２０２６－０４－０１"):
        names = {line.name for line in lines_of(audit_page(admin_client, since=since,
                                                               until="2026-04-30"))}
        assert names == {"四月の課"}, since
    names = {line.name for line in lines_of(audit_page(admin_client, until="R8.3.31"))}
    assert names == {"三月の課"}


def test_a_date_that_cannot_be_read_is_said_not_a_server_error(admin_client, admin, sapporo):
    response = audit_page(admin_client, since="2026-13-45")
    assert response.status_code == 200
    assert "日付は" in response.content.decode()


def test_filter_by_action_includes_exports(admin_client, admin, sapporo):
    actions.save_department(admin, Department(organisation=sapporo, name="課", kind="division"))
    admin_client.get(reverse("manage:audit_export", args=["sapporo", "csv"]))
    lines = lines_of(audit_page(admin_client, action=AuditEntry.Action.ACCESS))
    assert [line.action for line in lines] == ["書き出し"]


# --- The export for 情報公開請求 --------------------------------------------------------------------

def read_csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # Excel opens UTF-8 with a BOM as Japanese
    return list(csv.DictReader(io.StringIO(body[1:])))


def test_csv_export_has_the_screens_readable_masked_rows(admin_client, admin, sapporo):
    register_partner(admin, sapporo)
    actions.save_department(admin, Department(organisation=sapporo, name="広聴課", kind="division"))
    response = admin_client.get(reverse("manage:audit_export", args=["sapporo", "csv"]),
                                {"content_type": ContentType.objects.get_for_model(Partner).pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows and {row["対象の種類"] for row in rows} == {"市民活動団体"}  # the filter holds
    by_field = {row["項目"]: row for row in rows}
    assert by_field["団体の種別"]["変更後"] == "NPO法人"
    assert by_field["電話番号"]["変更後"] == str(MASKED)
    assert not any(PHONE in value for row in rows for value in row.values())
    assert by_field["団体名"]["操作者"] == str(admin)


def test_excel_export_for_a_handler_shows_the_contacts(client, sapporo, sapporo_department):
    handler = UserFactory()
    grant(handler, "org_admin", sapporo)
    grant(handler, "reception_desk", sapporo, sapporo_department)
    register_partner(handler, sapporo)
    client.force_login(handler)
    response = client.get(reverse("manage:audit_export", args=["sapporo", "xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("記録番号", "日時", "操作者", "操作")
    assert any(row[7] == "電話番号" and row[9] == PHONE for row in rows[1:])


def test_every_export_is_itself_recorded(admin_client, admin, sapporo):
    admin_client.get(reverse("manage:audit_export", args=["sapporo", "csv"]),
                     {"actor": "admin@", "since": "2026-04-01"})
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCESS)
    assert entry.actor == admin and entry.organisation == sapporo
    line = next(line for line in lines_of(audit_page(admin_client)) if line.entry == entry)
    notes = {change.label: change.after for change in line.changes}
    assert notes["書き出したもの"] == "監査ログ（CSV）"
    assert "admin@" in notes["条件"] and "2026-04-01" in notes["条件"]
    assert notes["個人情報"] == "非表示"


def test_export_refuses_what_the_page_refuses(admin_client, client, sapporo):
    url = reverse("manage:audit_export", args=["sapporo", "csv"])
    assert admin_client.get(url, {"since": "not a date"}).status_code == 400
    assert admin_client.get(reverse("manage:audit_export", args=["sapporo", "pdf"])).status_code == 404
    reviewer = UserFactory()
    grant(reviewer, "coordinator", sapporo, DepartmentFactory(organisation=sapporo))
    client.force_login(reviewer)
    assert client.get(url).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).exists()


def test_the_audit_page_links_to_the_export_with_its_filters(admin_client, admin, sapporo):
    actions.save_department(admin, Department(organisation=sapporo, name="課", kind="division"))
    html = audit_page(admin_client, actor="admin").content.decode()
    assert reverse("manage:audit_export", args=["sapporo", "csv"]) + "?actor=admin" in html


# --- A page costs the same whatever it holds --------------------------------------------------------

def fill_log(admin, sapporo, count, prefix=""):
    """Entries of every kind a page must name: keys to other objects, choices, an object
    without a name of its own, private contacts, a deleted object."""
    bureau = actions.save_department(admin, Department(organisation=sapporo, name=f"{prefix}局",
                                                       kind="bureau"))
    for i in range(count):
        division = actions.save_department(admin, Department(
            organisation=sapporo, name=f"{prefix}課{i}", kind="division", parent=bureau))
        actions.grant_role(admin, user=UserFactory(), role="department_staff",
                           organisation=sapporo, department=division)
        partner = register_partner(admin, sapporo, name=f"{prefix}団体{i}")
        with acting_as(admin):
            PartnerMember.objects.create(partner=partner, user=UserFactory())
    actions.delete_department(admin, actions.save_department(
        admin, Department(organisation=sapporo, name=f"{prefix}消える課", kind="division")))


@pytest.mark.parametrize("count", [3, 30])
def test_readable_page_query_count_is_flat(admin_client, admin, sapporo, count,
                                           django_assert_max_num_queries):
    fill_log(admin, sapporo, count)
    with django_assert_max_num_queries(20):
        response = audit_page(admin_client)
    assert len(lines_of(response)) == min(50, AuditEntry.objects.filter(organisation=sapporo).count())


def test_readable_page_query_count_does_not_grow(admin_client, admin, sapporo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_page():
        with CaptureQueriesContext(connection) as captured:
            audit_page(admin_client)
        return len(captured)

    fill_log(admin, sapporo, 2)
    small = queries_for_page()
    fill_log(admin, sapporo, 15, prefix="追加")
    assert queries_for_page() == small
