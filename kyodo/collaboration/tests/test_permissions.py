"""Every role against every protected action of 協働."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from kyodo.collaboration.models import Side
from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant

from .conftest import sheet_of


@pytest.fixture
def people(hokkaido, sapporo, coordinator, env_staff, welfare_staff, partner_member, other_member):
    admin = UserFactory(email="admin@hokkaido.example.jp")
    grant(admin, "org_admin", hokkaido)
    platform = UserFactory(email="platform@example.jp")
    grant(platform, "platform_admin")
    sapporo_coordinator = UserFactory(email="coordinator@sapporo.example.jp")
    grant(sapporo_coordinator, "coordinator", sapporo,
          DepartmentFactory(organisation=sapporo, name="市政推進室"))
    return {
        "visitor": AnonymousUser(), "citizen": UserFactory(), "coordinator": coordinator,
        "org_admin": admin, "platform_admin": platform, "env_staff": env_staff,
        "welfare_staff": welfare_staff, "member": partner_member, "other_member": other_member,
        "sapporo_coordinator": sapporo_coordinator,
    }


def allowed(people, permission, obj):
    return {name for name, user in people.items() if user.has_perm(permission, obj)}


RUNNERS = {"coordinator", "org_admin", "platform_admin"}


def test_running_collaboration(people, hokkaido):
    assert allowed(people, "collaboration.manage", hokkaido) == RUNNERS
    assert allowed(people, "collaboration.verify_partner", hokkaido) == RUNNERS
    assert allowed(people, "collaboration.view_staff_area", hokkaido) == {
        "coordinator", "org_admin", "platform_admin", "env_staff", "welfare_staff"}


def test_answering_for_a_department(people, campaign, environment):
    response = campaign.responses.get(department=environment)
    assert allowed(people, "collaboration.answer_survey", response) == {"env_staff"}


def test_projects(people, project):
    assert allowed(people, "collaboration.edit_project", project) == RUNNERS | {"env_staff"}
    assert allowed(people, "collaboration.view_project", project) == RUNNERS | {"env_staff"}
    project.published_at = datetime.datetime(2006, 6, 1, tzinfo=datetime.UTC)
    assert allowed(people, "collaboration.view_project", project) == set(people)


def test_partner_profile(people, partner):
    assert allowed(people, "collaboration.edit_partner_profile", partner) == {"member"}
    assert allowed(people, "collaboration.view_partner", partner) == set(people)
    partner.verified_at = None
    assert allowed(people, "collaboration.view_partner", partner) == RUNNERS | {"member"}


def test_evaluation_sheets_while_open(people, evaluation):
    admin_sheet = sheet_of(evaluation, Side.ADMINISTRATION)
    partner_sheet = sheet_of(evaluation, Side.PARTNER)
    assert allowed(people, "collaboration.fill_sheet", admin_sheet) == {"env_staff"}
    assert allowed(people, "collaboration.fill_sheet", partner_sheet) == {"member"}
    assert allowed(people, "collaboration.view_sheet", admin_sheet) == {"env_staff"}
    assert allowed(people, "collaboration.view_sheet", partner_sheet) == {"member"}
    assert allowed(people, "collaboration.view_evaluation", evaluation) == RUNNERS | {
        "env_staff", "member"}
    assert allowed(people, "collaboration.publish_evaluation", evaluation) == RUNNERS
    assert allowed(people, "collaboration.write_joint_comment", evaluation) == set()


def test_evaluation_after_both_submitted_and_published(people, evaluation):
    evaluation.status = "revealed"
    partner_sheet = sheet_of(evaluation, Side.PARTNER)
    partner_sheet.evaluation = evaluation
    assert allowed(people, "collaboration.view_sheet", partner_sheet) == RUNNERS | {
        "env_staff", "member"}
    assert allowed(people, "collaboration.write_joint_comment", evaluation) == RUNNERS | {
        "env_staff", "member"}
    assert allowed(people, "collaboration.fill_sheet", partner_sheet) == set()
    evaluation.status = "published"
    assert allowed(people, "collaboration.view_sheet", partner_sheet) == set(people)
    assert allowed(people, "collaboration.view_evaluation", evaluation) == set(people)


# --- Object-level checks: as it is and as it will be ---------------------------------------------
#
# Every form that carries a department, campaign, partner, template or organisation: posting a
# foreign id (or editing the address) is refused, and nothing changes.

MANAGE = "/org/hokkaido/collaboration/manage/"


def project_post(**changes):
    data = {"title": "道民の森づくり事業", "forms_": ["commission"], "budget": "1200000",
            "partners-TOTAL_FORMS": "1", "partners-INITIAL_FORMS": "0",
            "partners-MIN_NUM_FORMS": "0", "partners-MAX_NUM_FORMS": "10",
            "partners-0-name": "NPO法人 北の森づくり", "partners-0-partner_type": "npo"}
    data.update(changes)
    return data


@pytest.fixture
def answering(campaign):
    from kyodo.collaboration.models import SurveyCampaign

    SurveyCampaign.objects.filter(pk=campaign.pk).update(deadline=datetime.date(2100, 1, 1))
    campaign.refresh_from_db()
    return campaign


def test_project_form_ignores_posted_department_campaign_and_organisation(
        client, env_staff, answering, project, environment, welfare, sapporo, coordinator,
        hokkaido):
    from kyodo.collaboration import actions

    other = actions.create_campaign(coordinator, hokkaido, fiscal_year=2006,
                                    deadline=datetime.date(2100, 1, 1))
    client.force_login(env_staff)
    url = f"{MANAGE}campaigns/{answering.pk}/departments/{environment.pk}/projects/{project.pk}/edit/"
    response = client.post(url, project_post(department=welfare.pk, campaign=other.pk,
                                             organisation=sapporo.pk, title="改名"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title, project.department_id, project.campaign_id, project.organisation_id) == (
        "改名", environment.pk, answering.pk, hokkaido.pk)


def test_project_of_another_department_through_an_edited_address(
        client, env_staff, welfare_staff, coordinator, answering, project, environment, welfare,
        hokkaido):
    from kyodo.collaboration import actions

    # Welfare's staff put their own department in the address: refused before the form.
    client.force_login(welfare_staff)
    own = f"{MANAGE}campaigns/{answering.pk}/departments/{welfare.pk}/projects/{project.pk}/edit/"
    assert client.post(own, project_post(title="横取り")).status_code == 404
    theirs = f"{MANAGE}campaigns/{answering.pk}/departments/{environment.pk}/projects/{project.pk}/edit/"
    assert client.post(theirs, project_post(title="横取り")).status_code == 403
    # The coordinator puts the project under another campaign's address: not found there.
    other = actions.create_campaign(coordinator, hokkaido, fiscal_year=2006,
                                    deadline=datetime.date(2100, 1, 1))
    actions.open_campaign(coordinator, other, today=datetime.date(2005, 6, 1))
    client.force_login(coordinator)
    moved = f"{MANAGE}campaigns/{other.pk}/departments/{environment.pk}/projects/{project.pk}/edit/"
    assert client.post(moved, project_post(title="横取り")).status_code == 404
    assert client.post(moved.replace("edit/", "delete/")).status_code == 404
    project.refresh_from_db()
    assert (project.title, project.campaign_id) == ("道民の森づくり事業", answering.pk)


PARTNERS = [{"name": "NPO法人 北の森づくり", "partner_type": "npo"}]


def test_save_project_checks_the_department_it_leaves_and_the_one_it_enters(
        env_staff, welfare_staff, answering, project, welfare):
    from django.core.exceptions import PermissionDenied

    from kyodo.collaboration import actions
    from kyodo.collaboration.models import Project

    # Environment's staff push their project into welfare: refused as it will be.
    project.department = welfare
    with pytest.raises(PermissionDenied):
        actions.save_project(env_staff, project, forms=["commission"], fields=[],
                             partners=PARTNERS)
    # Welfare's staff pull environment's project into welfare: refused as it is.
    stored = Project.objects.get(pk=project.pk)
    stored.department = welfare
    with pytest.raises(PermissionDenied):
        actions.save_project(welfare_staff, stored, forms=["commission"], fields=[],
                             partners=PARTNERS)
    with pytest.raises(PermissionDenied):
        actions.delete_project(welfare_staff, stored)
    assert Project.objects.get(pk=project.pk).department.name == "環境政策課"


def test_a_project_keeps_its_campaign_and_organisation(coordinator, answering, project, hokkaido,
                                                       sapporo):
    from django.core.exceptions import PermissionDenied, ValidationError

    from kyodo.collaboration import actions
    from kyodo.collaboration.models import Project

    other = actions.create_campaign(coordinator, hokkaido, fiscal_year=2006,
                                    deadline=datetime.date(2100, 1, 1))
    actions.open_campaign(coordinator, other, today=datetime.date(2005, 6, 1))
    project.campaign, project.fiscal_year = other, 2006
    with pytest.raises(PermissionDenied):
        actions.save_project(coordinator, project, forms=["commission"], fields=[],
                             partners=PARTNERS)
    # A new project cannot hang under another organisation's campaign either.
    stray = Project(organisation=sapporo, campaign=answering, department=project.department,
                    fiscal_year=2005, title="迷子")
    with pytest.raises((PermissionDenied, ValidationError)):
        actions.save_project(coordinator, stray, forms=["commission"], fields=[],
                             partners=PARTNERS)
    assert Project.objects.get(pk=project.pk).campaign_id == answering.pk
    assert not Project.objects.filter(title="迷子").exists()


def test_project_partner_named_like_another_organisations_partner_is_not_linked(
        client, env_staff, answering, environment, sapporo):
    from kyodo.collaboration.models import Partner, ProjectPartner

    Partner.objects.create(organisation=sapporo, name="札幌の会", partner_type="npo",
                           verified_at=datetime.datetime(2005, 4, 1, tzinfo=datetime.UTC))
    client.force_login(env_staff)
    url = f"{MANAGE}campaigns/{answering.pk}/departments/{environment.pk}/projects/new/"
    client.post(url, project_post(title="新事業", **{"partners-0-name": "札幌の会"}))
    assert ProjectPartner.objects.get(project__title="新事業").partner is None


def test_evaluation_can_only_name_a_partner_of_the_project(client, coordinator, project, template,
                                                           other_partner, sapporo):
    from kyodo.collaboration.models import Evaluation, Partner

    foreign = Partner.objects.create(organisation=sapporo, name="札幌の会", partner_type="npo")
    client.force_login(coordinator)
    url = f"{MANAGE}projects/{project.pk}/evaluate/"
    for partner in (other_partner, foreign):
        response = client.post(url, {"partner": partner.pk, "stage": "after"})
        assert response.status_code == 200 and "id_partner_error" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_carry_over_refuses_another_departments_projects(client, env_staff, welfare_staff,
                                                        answering, welfare, environment,
                                                        hokkaido):
    from kyodo.collaboration.models import Project

    theirs = Project.objects.create(organisation=hokkaido, department=welfare, fiscal_year=2004,
                                    title="福祉の事業")
    client.force_login(env_staff)
    url = f"{MANAGE}campaigns/{answering.pk}/departments/{environment.pk}/answer/carry/"
    page = client.post(url, {"projects": [theirs.pk]}, follow=True).content.decode()
    assert "前年度のこの部署の事業だけを引き継げます" in page
    assert not Project.objects.filter(fiscal_year=2005, title="福祉の事業").exists()


def test_reminders_reach_only_the_campaigns_departments(client, coordinator, answering, sapporo,
                                                       django_capture_on_commit_callbacks):
    from django.core import mail

    foreign = DepartmentFactory(organisation=sapporo, name="札幌の課", email="ka@sapporo.example.jp")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{MANAGE}campaigns/{answering.pk}/remind/", {"department": [foreign.pk]})
    assert not any("ka@sapporo.example.jp" in m.to for m in mail.outbox)
    assert not answering.responses.filter(reminder_count__gt=0).exists()


def test_partner_form_keeps_the_partner_in_its_organisation(client, coordinator, partner, sapporo,
                                                           hokkaido):
    from kyodo.collaboration.models import Partner

    client.force_login(coordinator)
    response = client.post(f"{MANAGE}partners/{partner.pk}/", {
        "name": partner.name, "partner_type": "npo", "organisation": sapporo.pk,
        "verified_by": coordinator.pk})
    assert response.status_code == 302
    assert Partner.objects.get(pk=partner.pk).organisation_id == hokkaido.pk
    response = client.post(f"{MANAGE}partners/new/", {
        "name": "新しい会", "partner_type": "npo", "organisation": sapporo.pk})
    assert Partner.objects.get(name="新しい会").organisation_id == hokkaido.pk


def test_coordinator_of_another_organisation_reaches_nothing_here(people, client, partner,
                                                                 template, hokkaido):
    from kyodo.collaboration import actions
    from kyodo.collaboration.models import Initiative, Partner

    visitor = people["sapporo_coordinator"]
    client.force_login(visitor)
    assert client.post(f"{MANAGE}partners/{partner.pk}/", {
        "name": "乗っ取り", "partner_type": "npo"}).status_code == 403
    # Through the actions too, as an API or import would call them.
    from django.core.exceptions import PermissionDenied

    initiative = Initiative.objects.create(organisation=hokkaido, category="basis",
                                           kind="ordinance", title="条例")
    initiative.organisation = visitor.role_assignments.get().organisation
    with pytest.raises(PermissionDenied):
        actions.save_initiative(visitor, initiative)
    partner.organisation = initiative.organisation
    with pytest.raises(PermissionDenied):
        actions.save_partner(visitor, partner, fields=[])
    assert Partner.objects.get(pk=partner.pk).organisation_id == hokkaido.pk
    assert Initiative.objects.get(pk=initiative.pk).organisation_id == hokkaido.pk


def test_coordinator_cannot_move_objects_between_their_own_parents(coordinator, hokkaido, sapporo,
                                                                   template, partner):
    """Even someone who may touch both sides cannot re-parent: the coordinator who also runs
    札幌 cannot move 北海道's partner, template or criterion across."""
    from django.core.exceptions import PermissionDenied

    from kyodo.collaboration import actions
    from kyodo.collaboration.models import (
        EvaluationCriterion, EvaluationTemplate, Partner,
    )

    grant(coordinator, "coordinator", sapporo, DepartmentFactory(organisation=sapporo))
    coordinator._kyodo_roles = None
    partner.organisation = sapporo
    with pytest.raises(PermissionDenied):
        actions.save_partner(coordinator, partner, fields=[])
    template.organisation = sapporo
    with pytest.raises(PermissionDenied):
        actions.save_template(coordinator, template)
    other = EvaluationTemplate.objects.create(organisation=hokkaido, name="別の様式",
                                              scale=[[2, "良"], [1, "否"]])
    criterion = template.criteria.first()
    criterion.template = other
    with pytest.raises(PermissionDenied):
        actions.save_criterion(coordinator, criterion)
    assert Partner.objects.get(pk=partner.pk).organisation_id == hokkaido.pk
    assert EvaluationTemplate.objects.get(pk=template.pk).organisation_id == hokkaido.pk
    assert EvaluationCriterion.objects.get(pk=criterion.pk).template_id == template.pk


def test_child_objects_under_another_parents_address_are_not_found(client, coordinator, template,
                                                                   partner, other_partner,
                                                                   other_member):
    from kyodo.collaboration.models import EvaluationTemplate, PartnerMember

    other = EvaluationTemplate.objects.create(organisation=template.organisation, name="別の様式",
                                              scale=[[2, "良"], [1, "否"]])
    criterion = template.criteria.first()
    member = PartnerMember.objects.get(partner=other_partner)
    client.force_login(coordinator)
    assert client.post(f"{MANAGE}templates/{other.pk}/criteria/{criterion.pk}/edit/",
                       {"title": "乗っ取り"}).status_code == 404
    assert client.post(f"{MANAGE}templates/{other.pk}/criteria/{criterion.pk}/delete/"
                       ).status_code == 404
    assert client.post(f"{MANAGE}partners/{partner.pk}/members/{member.pk}/remove/"
                       ).status_code == 404
    assert template.criteria.filter(pk=criterion.pk, title=criterion.title).exists()
    assert PartnerMember.objects.filter(pk=member.pk).exists()


def test_a_sheet_is_written_only_by_its_side(client, env_staff, partner_member, evaluation):
    from kyodo.collaboration.models import SheetRating

    criterion = evaluation.template.criteria.filter(stage=evaluation.stage).first()
    base = f"/org/hokkaido/collaboration/evaluations/{evaluation.pk}/sheets/"
    client.force_login(env_staff)
    assert client.post(base + "partner/", {f"score_{criterion.pk}": "5"}).status_code == 403
    client.force_login(partner_member)
    assert client.post(base + "administration/", {f"score_{criterion.pk}": "5"}).status_code == 403
    assert not SheetRating.objects.exists()
