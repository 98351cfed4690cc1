"""Fixtures for the proposals tests: 根室市 with its coordinator (企画政策室), a department
concerned (商工観光課) and its staff, another department, three reviewers on the panel of an
open 行政提案型 call with two themes, its rubric and documents, and a partner with a member."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kyodo.collaboration.models import Partner, PartnerMember
from kyodo.core.tests import conftest as core_fixtures
from kyodo.core.tests.factories import DepartmentFactory, OrganisationFactory, UserFactory, grant
from kyodo.proposals.models import (
    Call, Criterion, PanelMember, Proposal, RequiredDocument, Stage, Theme,
)

hokkaido = core_fixtures.hokkaido
sapporo = core_fixtures.sapporo

PDF = b"%PDF-1.4\n%test\n"


def pdf(name="proposal.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def nemuro(hokkaido):
    return OrganisationFactory(name="根室市", name_kana="ねむろし", slug="nemuro",
                               local_government_code="012238", prefecture=hokkaido)


@pytest.fixture
def planning(nemuro):
    return DepartmentFactory(organisation=nemuro, name="企画政策室", kind="office")


@pytest.fixture
def tourism(nemuro):
    return DepartmentFactory(organisation=nemuro, name="商工観光課")


@pytest.fixture
def welfare(nemuro):
    return DepartmentFactory(organisation=nemuro, name="社会福祉課")


@pytest.fixture
def coordinator(nemuro, planning):
    user = UserFactory(email="coordinator@nemuro.example.jp", display_name="企画 真理")
    grant(user, "coordinator", nemuro, planning)
    return user


@pytest.fixture
def tourism_staff(nemuro, tourism):
    user = UserFactory(email="staff@nemuro.example.jp")
    grant(user, "department_staff", nemuro, tourism)
    return user


@pytest.fixture
def welfare_staff(nemuro, welfare):
    user = UserFactory(email="welfare@nemuro.example.jp")
    grant(user, "department_staff", nemuro, welfare)
    return user


@pytest.fixture
def org_admin(nemuro):
    user = UserFactory(email="admin@nemuro.example.jp")
    grant(user, "org_admin", nemuro)
    return user


@pytest.fixture
def reviewers(nemuro):
    users = []
    for n in range(1, 4):
        user = UserFactory(email=f"reviewer{n}@nemuro.example.jp", display_name=f"審査 {n}")
        grant(user, "reviewer", nemuro)
        users.append(user)
    return users


@pytest.fixture
def partner(nemuro):
    return Partner.objects.create(organisation=nemuro, name="NPO法人 ねむろ花咲まちづくり",
                                  partner_type="npo", verified_at=timezone.now())


@pytest.fixture
def member(partner):
    user = UserFactory(email="member@nemuro.example.jp")
    PartnerMember.objects.create(partner=partner, user=user, accepted_at=timezone.now())
    return user


@pytest.fixture
def citizen(db):
    return UserFactory(email="citizen@example.jp")


@pytest.fixture
def call(nemuro, planning, tourism, welfare, reviewers):
    now = timezone.now()
    call = Call.objects.create(
        organisation=nemuro, fiscal_year=2026, kind="administration", title="まちづくり協働事業",
        department=planning, min_members=5,
        excluded_purposes=["commercial", "religious", "political", "election", "facility"],
        opens_at=now - datetime.timedelta(days=10), closes_at=now + datetime.timedelta(days=10),
        report_due=datetime.date(2027, 4, 30), pass_mark=60, criterion_floor=Decimal("2"),
        status=Call.Status.OPEN)
    Theme.objects.create(call=call, number=1, title="根室の魅力の発信", department=tourism,
                         budget_cap=1_000_000)
    Theme.objects.create(call=call, number=2, title="高齢者の見守り", department=welfare,
                         budget_cap=500_000)
    RequiredDocument.objects.create(call=call, number=1, title="提案書", required=True)
    RequiredDocument.objects.create(call=call, number=2, title="団体の概要", required=False)
    Criterion.objects.create(call=call, number=1, title="公益性", weight=3, stage=Stage.DOCUMENTS)
    Criterion.objects.create(call=call, number=2, title="実現可能性", weight=1, stage=Stage.DOCUMENTS)
    Criterion.objects.create(call=call, number=3, title="先駆性", weight=1, stage=Stage.PRESENTATION)
    for order, user in enumerate(reviewers):
        PanelMember.objects.create(call=call, user=user, name=user.display_name, kind="expert",
                                   order=order)
    return call


def make_proposal(call, user, *, theme=1, status=Proposal.Status.DRAFT, **fields):
    values = {
        "group_name": "根室の海を守る市民の会", "group_type": "voluntary", "member_count": 7,
        "contact_name": "花咲 みなと", "contact_email": "minato@example.org",
        "contact_phone": "0153-20-0001", "title": "海岸の漂着ごみ調査", "summary": "調査と清掃",
        "amount": 300_000,
    }
    values.update(fields)
    return Proposal.objects.create(call=call, theme=call.themes.get(number=theme), created_by=user,
                                   status=status,
                                   submitted_at=timezone.now() if status != "draft" else None,
                                   **values)


@pytest.fixture
def submitted(call, citizen):
    return make_proposal(call, citizen, status=Proposal.Status.SUBMITTED)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded files go to a temporary directory, not the site's media."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
