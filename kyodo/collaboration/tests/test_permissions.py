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
