"""Fixtures for the collaboration tests: 北海道 with a coordinator (生活振興課), two
departments with their staff, a partner with a member, and the evaluation template."""

import datetime

import pytest
from django.utils import timezone

from kyodo.collaboration import actions
from kyodo.collaboration.models import (
    EvaluationCriterion, EvaluationTemplate, Partner, PartnerField, PartnerMember, Project,
    ProjectForm, ProjectPartner, Stage,
)
from kyodo.core.tests import conftest as core_fixtures
from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant

hokkaido = core_fixtures.hokkaido
sapporo = core_fixtures.sapporo

TODAY = datetime.date(2005, 6, 1)


@pytest.fixture
def coordination_office(hokkaido):
    return DepartmentFactory(organisation=hokkaido, name="生活振興課", sort_order=1)


@pytest.fixture
def environment(hokkaido):
    return DepartmentFactory(organisation=hokkaido, name="環境政策課", sort_order=2)


@pytest.fixture
def welfare(hokkaido):
    return DepartmentFactory(organisation=hokkaido, name="地域福祉課", sort_order=3)


@pytest.fixture
def coordinator(hokkaido, coordination_office):
    user = UserFactory(email="coordinator@hokkaido.example.jp")
    grant(user, "coordinator", hokkaido, coordination_office)
    return user


@pytest.fixture
def env_staff(hokkaido, environment):
    user = UserFactory(email="kankyo@hokkaido.example.jp")
    grant(user, "department_staff", hokkaido, environment)
    return user


@pytest.fixture
def welfare_staff(hokkaido, welfare):
    user = UserFactory(email="fukushi@hokkaido.example.jp")
    grant(user, "department_staff", hokkaido, welfare)
    return user


@pytest.fixture
def partner(hokkaido):
    partner = Partner.objects.create(
        organisation=hokkaido, name="NPO法人 北の森づくり", name_kana="きたのもりづくり",
        partner_type="npo", area="石狩管内", description="森林の保全活動",
        contact_name="森 太郎", phone="011-000-0000", email="mori@example.org",
        email_public=True, verified_at=datetime.datetime(2005, 4, 1, tzinfo=datetime.UTC),
    )
    PartnerField.objects.create(partner=partner, field="environment")
    return partner


@pytest.fixture
def other_partner(hokkaido):
    return Partner.objects.create(organisation=hokkaido, name="まちづくり町内会連合会",
                                  partner_type="neighbourhood",
                                  verified_at=datetime.datetime(2005, 4, 1, tzinfo=datetime.UTC))


@pytest.fixture
def partner_member(partner):
    user = UserFactory(email="member@example.org")
    grant(user, "partner_member", partner.organisation)
    PartnerMember.objects.create(partner=partner, user=user, accepted_at=timezone.now())
    return user


@pytest.fixture
def other_member(other_partner):
    user = UserFactory(email="chonaikai@example.org")
    grant(user, "partner_member", other_partner.organisation)
    PartnerMember.objects.create(partner=other_partner, user=user, accepted_at=timezone.now())
    return user


@pytest.fixture
def campaign(hokkaido, environment, welfare, coordination_office, coordinator):
    campaign = actions.create_campaign(coordinator, hokkaido, fiscal_year=2005,
                                      deadline=datetime.date(2005, 7, 31))
    return actions.open_campaign(coordinator, campaign, today=TODAY)


@pytest.fixture
def project(hokkaido, environment, partner, campaign):
    project = Project.objects.create(organisation=hokkaido, campaign=campaign,
                                     department=environment, fiscal_year=2005,
                                     title="道民の森づくり事業", budget=1_200_000)
    ProjectForm.objects.create(project=project, form="commission")
    ProjectPartner.objects.create(project=project, partner=partner, name=partner.name,
                                  partner_type="npo", role="植樹会の運営")
    return project


@pytest.fixture
def template(hokkaido):
    template = EvaluationTemplate.objects.create(
        organisation=hokkaido, name="協働事業評価シート",
        scale=[[5, "はるかに上回った"], [4, "やや上回った"], [3, "想定の範囲"],
               [2, "やや低い"], [1, "はるかに低い"]],
    )
    for number, title in enumerate(["目的の共有", "対等な関係", "役割分担"], start=1):
        EvaluationCriterion.objects.create(template=template, stage=Stage.AFTER, number=number,
                                           title=title)
    EvaluationCriterion.objects.create(template=template, stage=Stage.BEFORE, number=1,
                                       title="成果目標の合意")
    return template


@pytest.fixture
def evaluation(project, partner, template, coordinator):
    return actions.start_evaluation(coordinator, project, partner=partner, template=template)


def sheet_of(evaluation, side):
    return evaluation.sheets.get(side=side)


def full_ratings(evaluation, score=4):
    return {c.pk: (score, "") for c in evaluation.template.criteria.filter(stage=evaluation.stage)}
