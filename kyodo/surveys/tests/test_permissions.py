"""Who may do what with アンケート — every role, in its organisation and in another; and what
the public, the API and the downloads never show."""

import pytest
from django.urls import reverse

from kyodo.core.models import AuditEntry
from kyodo.core.tests.factories import DepartmentFactory, OrganisationFactory, UserFactory, grant
from kyodo.core.tests.pickers import assert_tells_two_somuka_apart, two_somuka
from kyodo.surveys.models import Survey, SurveyResponse

from .conftest import fill, valid_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(sapporo, office, sapporo_department, coordinator, sapporo_admin):
    other_dept = DepartmentFactory(organisation=sapporo, name="道路維持課")
    elsewhere = OrganisationFactory(name="旭川市", slug="asahikawa")
    made = {"visitor": None, "citizen": UserFactory(), "coordinator": coordinator, "org_admin": sapporo_admin}
    for role, department, organisation in [
        ("department_staff", office, sapporo), ("other_department_staff", other_dept, sapporo),
        ("reception_desk", sapporo_department, sapporo), ("council_member", None, sapporo),
        ("other_coordinator", DepartmentFactory(organisation=elsewhere, name="行政改革課"), elsewhere),
    ]:
        user = UserFactory()
        grant(user, role.replace("other_department_", "department_").replace("other_", ""), organisation, department)
        made[role] = user
    return made


EXPECTED = {  # permission: roles that have it on the survey of 市政推進室
    "surveys.use_staff_screens": {"coordinator", "org_admin", "department_staff", "other_department_staff",
                                  "reception_desk"},
    "surveys.manage": {"coordinator", "org_admin", "department_staff"},
    "surveys.view_results": {"coordinator", "org_admin", "department_staff", "other_department_staff",
                             "reception_desk"},
    "surveys.enter_paper": {"coordinator", "org_admin", "department_staff", "reception_desk"},
    "surveys.read_answers": {"coordinator", "org_admin", "department_staff"},
    "surveys.download_raw": {"coordinator", "org_admin", "department_staff"},
}


@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_every_role_against_every_permission(people, survey, permission):
    from django.contrib.auth.models import AnonymousUser

    for role, user in people.items():
        actor = user or AnonymousUser()
        target = survey if permission != "surveys.use_staff_screens" else survey.organisation
        assert actor.has_perm(permission, target) == (role in EXPECTED[permission]), (role, permission)
    assert people["coordinator"].has_perm("surveys.create", survey.organisation)
    assert not people["department_staff"].has_perm("surveys.create", survey.organisation)


def staff_urls(survey):
    slug, pk = survey.organisation.slug, survey.pk
    comment = survey.q["comment"].pk
    return {
        "manage": reverse("surveys:manage", args=[slug]),
        "survey": reverse("surveys:manage_survey", args=[slug, pk]),
        "edit": reverse("surveys:survey_edit", args=[slug, pk]),
        "question": reverse("surveys:question_new", args=[slug, pk]),
        "preview": reverse("surveys:preview", args=[slug, pk]),
        "paper": reverse("surveys:paper", args=[slug, pk]),
        "raw": reverse("surveys:raw_download", args=[slug, pk, "csv"]),
        "words": reverse("surveys:words", args=[slug, pk, comment]),
        "codes": reverse("surveys:codes", args=[slug, pk]),
    }


ALLOWED_PAGES = {
    "coordinator": {"manage", "survey", "edit", "question", "preview", "paper", "raw", "words", "codes"},
    "department_staff": {"manage", "survey", "edit", "question", "preview", "paper", "raw", "words", "codes"},
    "other_department_staff": {"manage", "survey", "preview", "words"},
    "reception_desk": {"manage", "survey", "preview", "paper", "words"},
    "council_member": set(), "citizen": set(), "other_coordinator": set(),
}


def test_staff_screens_by_role(client, people, survey):
    urls = staff_urls(survey)
    for role, allowed in ALLOWED_PAGES.items():
        client.force_login(people[role])
        for name, url in urls.items():
            status = client.get(url).status_code
            assert (status == 200) == (name in allowed), (role, name, status)
            if name not in allowed:
                assert status in (403, 404)
    client.logout()
    assert client.get(urls["manage"]).status_code == 302  # to sign in


def test_unpublished_results_are_staff_only(client, people, survey):
    url = reverse("surveys:results", args=[survey.organisation.slug, survey.pk])
    assert client.get(url).status_code == 404
    client.force_login(people["other_coordinator"])
    assert client.get(url).status_code == 404
    client.force_login(people["reception_desk"])
    assert client.get(url).status_code == 200
    download = reverse("surveys:results_download", args=[survey.organisation.slug, survey.pk, "csv"])
    client.logout()
    assert client.get(download).status_code == 404


def test_raw_download_is_audited_and_names_no_account(client, people, survey):
    client.post(reverse("surveys:answer", args=[survey.organisation.slug, survey.pk]), valid_post(survey))
    SurveyResponse.objects.update(user=people["citizen"])
    client.force_login(people["department_staff"])
    response = client.get(reverse("surveys:raw_download", args=[survey.organisation.slug, survey.pk, "csv"]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "窓口の対応が丁寧でした" in text and "中央区" in text
    assert people["citizen"].email not in text
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, object_id=survey.pk).get()
    assert entry.actor == people["department_staff"] and entry.organisation_id == survey.organisation_id
    assert "個票" in str(entry.changes)


def test_the_words_behind_the_analysis_are_for_the_survey_managers(client, people, survey,
                                                                   django_capture_on_commit_callbacks):
    fill(survey, 30)
    client.force_login(people["coordinator"])
    run = reverse("surveys:words_run", args=[survey.organisation.slug, survey.pk, survey.q["comment"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(run).status_code == 302
    words = reverse("surveys:words", args=[survey.organisation.slug, survey.pk, survey.q["comment"].pk])
    page = client.get(words).content.decode()
    assert "完了" in page and "窓口" in page and "<svg" in page
    behind = client.get(words, {"word": "窓口"}).content.decode()
    assert "窓口の対応が丁寧でした。" in behind
    client.force_login(people["other_department_staff"])
    assert client.get(words).status_code == 200
    assert client.get(words, {"word": "窓口"}).status_code == 403
    assert client.post(run).status_code == 403


def test_api_gives_published_aggregates_only(client, survey):
    fill(survey, 25)
    url = f"/api/v1/surveys/{survey.pk}/results"
    assert client.get(url).status_code == 404
    survey.status = Survey.Status.PUBLISHED
    survey.save()
    data = client.get(url).json()
    assert data["respondents"] == 25
    overall = next(q for q in data["questions"] if q["number"] == 1)
    assert sum(o["count"] for o in overall["options"]) == 25
    body = client.get(url).content.decode()
    assert "窓口の対応が丁寧でした" not in body and "code" not in body
    listing = client.get(f"/api/v1/organisations/{survey.organisation.slug}/surveys").json()
    assert [s["id"] for s in listing["items"]] == [survey.pk]


def test_the_raw_answers_as_json_for_staff_only_audited_and_without_accounts(client, people, survey):
    import json

    client.post(reverse("surveys:answer", args=[survey.organisation.slug, survey.pk]), valid_post(survey))
    SurveyResponse.objects.update(user=people["citizen"])
    url = reverse("surveys:raw_download", args=[survey.organisation.slug, survey.pk, "json"])
    client.force_login(people["department_staff"])
    assert url in client.get(reverse("surveys:manage_survey", args=[survey.organisation.slug, survey.pk])).content.decode()
    document = json.loads(b"".join(client.get(url).streaming_content))
    assert document["survey"] == survey.title and len(document["rows"]) == 1
    text = json.dumps(document, ensure_ascii=False)
    assert "窓口の対応が丁寧でした" in text and people["citizen"].email not in text
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, object_id=survey.pk).count() == 1
    client.force_login(people["other_department_staff"])
    assert client.get(url).status_code == 403


def test_the_survey_form_picks_its_department_from_the_tree_and_keeps_the_rules(client, people, sapporo,
                                                                               hokkaido):
    """担当課 is the department tree with full paths and a search box (issue 14 §8): 総務局 ›
    総務課 and 財政局 › 総務課 are told apart; it stays optional, and a department of another
    organisation is still refused."""
    two_somuka(sapporo)
    client.force_login(people["coordinator"])
    url = reverse("surveys:survey_new", args=[sapporo.slug])
    page = client.get(url).content.decode()
    assert_tells_two_somuka_apart(page)
    assert "(指定なし)" in page  # still optional
    foreign = DepartmentFactory(organisation=hokkaido, name="総務課")
    refused = client.post(url, {"title": "市民満足度調査", "method": "open", "opens_on": "2026-12-01",
                                "closes_on": "2026-12-20", "department": foreign.pk})
    assert refused.status_code == 400 and "department" in refused.context["form"].errors
    assert not Survey.objects.filter(title="市民満足度調査", department=foreign).exists()
