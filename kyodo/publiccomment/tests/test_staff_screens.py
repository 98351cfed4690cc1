"""The staff screens end to end: a department prepares a call (sections, a document with its
type and size checked), announces it, keys in a posted comment, groups and answers after the
deadline, writes the final text and publishes; the document is served only through its
permission-checked view."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kyodo.core.tests.pickers import assert_offers_only_the_actors_departments
from kyodo.publiccomment.models import Call, Comment, Document, OpinionItem

from .conftest import add_comments

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def u(name, slug, *args):
    return reverse(f"publiccomment:{name}", args=[slug, *args])


def test_a_department_prepares_and_announces_a_call(client, sapporo, office, office_staff):
    client.force_login(office_staff)
    slug = sapporo.slug
    today = timezone.localdate()
    response = client.post(u("call_new", slug), {
        "title": "市民意見の反映方針(案)", "department": office.pk, "summary": "概要", "reason": "趣旨",
        "opens_on": today.isoformat(), "closes_on": (today + datetime.timedelta(days=19)).isoformat(),
        "short_period_reason": "", "eligible": ["resident", "student"], "submission_address": ""})
    assert response.status_code == 400
    assert "30日未満" in response.content.decode()
    response = client.post(u("call_new", slug), {
        "title": "市民意見の反映方針(案)", "department": office.pk, "summary": "概要", "reason": "趣旨",
        "opens_on": today.isoformat(), "closes_on": (today + datetime.timedelta(days=29)).isoformat(),
        "eligible": ["resident", "student"], "name_required": "on"})
    assert response.status_code == 302
    call = Call.objects.get()
    assert call.eligible == ["resident", "student"] and call.status == "draft"
    assert client.post(u("section_new", slug, call.pk), {"number": 1, "heading": "方針", "text": "本文"}).status_code == 302
    bad = SimpleUploadedFile("案.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(u("document_new", slug, call.pk), {"title": "案", "kind": "draft", "file": bad})
    assert response.status_code == 400 and not Document.objects.exists()
    good = SimpleUploadedFile("案.pdf", PDF, content_type="application/pdf")
    assert client.post(u("document_new", slug, call.pk), {"title": "案", "kind": "draft", "file": good}).status_code == 302
    document = Document.objects.get()
    client.logout()
    assert client.get(u("document", slug, document.pk)).status_code == 404  # not announced yet
    client.force_login(office_staff)
    assert client.get(u("document", slug, document.pk)).status_code == 200
    assert client.post(u("step", slug, call.pk, "announce")).status_code == 302
    call.refresh_from_db()
    assert call.status == "announced"
    client.logout()
    assert client.get(u("document", slug, document.pk)).status_code == 200
    page = client.get(u("call", slug, call.pk)).content.decode()
    assert "この案に意見を出す" in page and "募集中" in page


def test_after_the_deadline_staff_group_answer_and_publish(client, sapporo, office, office_staff, closed_call,
                                                          django_capture_on_commit_callbacks):
    slug = sapporo.slug
    comments = add_comments(closed_call, 2)
    client.force_login(office_staff)
    response = client.post(u("proxy_entry", slug, closed_call.pk), {
        "channel": "fax", "received_on": closed_call.closes_on.isoformat(), "form_token": "t" * 20,
        "commenter_type": "resident", "name": "ファクス 次郎", "body": "ファクスで届いた意見", "section": ""})
    assert response.status_code == 302
    faxed = Comment.objects.get(channel="fax")
    assert client.post(u("step", slug, closed_call.pk, "review")).status_code == 302
    section = closed_call.sections.get()
    response = client.post(u("item_new", slug, closed_call.pk), {
        "number": "", "section": section.pk, "summary": "公表を早く", "response": "目安を示します。", "modified": "on",
        "modification": "公表時期の目安を加えました", "comments": [comments[0].pk, comments[1].pk]})
    assert response.status_code == 302
    item = OpinionItem.objects.get()
    assert item.number == 1
    response = client.post(u("comment", slug, closed_call.pk, faxed.pk), {"group": "1", "group-items": [item.pk]})
    assert response.status_code == 302
    assert list(faxed.opinion_items.all()) == [item]
    response = client.post(u("final_text", slug, closed_call.pk, section.pk),
                           {"final_text": section.text + "結果の公表時期の目安を示します。"})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(u("step", slug, closed_call.pk, "publish"), {"results_summary": "3件を1項目に"})
    assert response.status_code == 302
    closed_call.refresh_from_db()
    assert closed_call.status == "published"
    client.logout()
    page = client.get(u("results", slug, closed_call.pk)).content.decode()
    assert "目安を示します。" in page and "ファクス" in page and "<ins>" in page


def test_publishing_with_ungrouped_comments_shows_what_is_missing(client, sapporo, office, office_staff, closed_call):
    add_comments(closed_call, 1)
    client.force_login(office_staff)
    client.post(u("step", sapporo.slug, closed_call.pk, "review"))
    response = client.post(u("step", sapporo.slug, closed_call.pk, "publish"), {"results_summary": ""}, follow=True)
    assert "整理していない" in response.content.decode()
    assert Call.objects.get().status == "reviewing"


def test_the_staff_list_and_comment_list_open(client, sapporo, office, office_staff, closed_call):
    add_comments(closed_call, 3)
    client.force_login(office_staff)
    assert client.get(u("manage", sapporo.slug)).status_code == 200
    page = client.get(u("comments", sapporo.slug, closed_call.pk) + "?ungrouped=1&channel=web")
    assert page.status_code == 200 and "提出者0" in page.content.decode()


def test_a_call_is_attached_to_a_plan_revision_and_a_recommendation_of_its_own_organisation(
        client, sapporo, office, office_staff):
    """Issue 17 §6: a public comment attached to a plan revision or a council recommendation —
    only ones of the same organisation — and the draft's page links to them."""
    from kyodo.core.tests.factories import OrganisationFactory
    from kyodo.councils.models import Council, Recommendation, RecommendationReport
    from kyodo.plans.models import ActionItem, Plan, Revision, Theme

    def revision_of(organisation, code):
        plan = Plan.objects.create(organisation=organisation, title=f"計画{code}", start_fiscal_year=2005,
                                   end_fiscal_year=2006, status=Plan.Status.ADOPTED,
                                   adopted_on=datetime.date(2004, 12, 1))
        theme = Theme.objects.create(plan=plan, number=1, title="市民サービス")
        item = ActionItem.objects.create(theme=theme, code=code, title="窓口サービスの改善")
        return Revision.objects.create(item=item, reason_category=Revision.Reason.values[0], reason="市民意見を受けて")

    own, foreign = revision_of(sapporo, "1-1"), revision_of(OrganisationFactory(slug="asahikawa"), "9-9")
    council = Council.objects.create(
        organisation=sapporo, name="市役所改革市民会議", purpose="市民の意見を反映する", secretariat=office,
        established_on=datetime.date(2003, 11, 1), term_start=datetime.date(2003, 11, 1),
        term_end=datetime.date(2005, 10, 31), quota_public=10, quota_nominated=5)
    report = RecommendationReport.objects.create(council=council, title="第1回提言", submitted_on=datetime.date(2004, 2, 1))
    recommendation = Recommendation.objects.create(report=report, number=3, title="意見公募を徹底する")
    client.force_login(office_staff)
    today = timezone.localdate()
    data = {"title": "市民意見の反映方針(案)", "department": office.pk, "summary": "概要", "reason": "趣旨",
            "opens_on": today.isoformat(), "closes_on": (today + datetime.timedelta(days=29)).isoformat(),
            "eligible": ["resident"], "plan_revision": foreign.pk, "recommendation": recommendation.pk}
    response = client.post(u("call_new", sapporo.slug), data)
    assert response.status_code == 400 and 'id="id_plan_revision_error"' in response.content.decode()
    assert not Call.objects.exists()
    assert client.post(u("call_new", sapporo.slug), {**data, "plan_revision": own.pk}).status_code == 302
    call = Call.objects.get()
    assert call.plan_revision == own and call.recommendation == recommendation
    Section = call.sections.model
    Section.objects.create(call=call, number=1, heading="方針", text="本文")
    client.post(u("step", sapporo.slug, call.pk, "announce"))
    client.logout()
    page = client.get(u("call", sapporo.slug, call.pk)).content.decode()
    assert "関係する計画・提言" in page and "1-1 窓口サービスの改善" in page
    assert "第1回提言 提言3 意見公募を徹底する" in page and f"#recommendation-{recommendation.pk}" in page


def test_the_call_form_picks_its_department_from_the_tree_and_keeps_the_rules(
        client, sapporo, office, office_staff, coordinator):
    """担当課 is the department tree with full paths and a search box (issue 14 §8): the
    coordinator tells 総務局 › 総務課 from 財政局 › 総務課; a department's staff are offered only
    their own department and posting another is still refused."""
    today = timezone.localdate()
    assert_offers_only_the_actors_departments(
        client, u("call_new", sapporo.slug), anyone=coordinator, restricted=office_staff, own=office,
        data={"title": "市民意見の反映方針(案)", "summary": "概要", "reason": "趣旨", "eligible": ["resident"],
              "opens_on": today.isoformat(), "closes_on": (today + datetime.timedelta(days=29)).isoformat()})
    assert not Call.objects.exists()
