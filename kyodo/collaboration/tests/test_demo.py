"""The demo: 北海道 with two published survey years, partners in every field, evaluations,
the seed's timeline and the nine municipalities."""

import pytest
from django.core.management import call_command

from kyodo.collaboration.models import (
    Evaluation, Initiative, PartnerField, Project, SurveyCampaign,
)
from kyodo.collaboration.vocabularies import ActivityField


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", quiet_users=True)
        call_command("load_demo", quiet_users=True)  # idempotent
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.mark.django_db
def test_demo_has_two_published_years_with_over_150_projects(demo):
    published = SurveyCampaign.objects.filter(organisation__slug="hokkaido", status="published")
    assert sorted(published.values_list("fiscal_year", flat=True)) == [2004, 2005]
    assert Project.objects.filter(campaign__in=published).count() >= 150
    assert Project.objects.filter(campaign__in=published).values("department").distinct().count() >= 10


@pytest.mark.django_db
def test_demo_partners_cover_all_twenty_fields(demo):
    assert set(PartnerField.objects.values_list("field", flat=True)) == set(ActivityField.values)


@pytest.mark.django_db
def test_demo_evaluations_and_initiatives(demo):
    assert Evaluation.objects.filter(status="published").count() >= 4
    assert Evaluation.objects.filter(status="open").exists()
    municipalities = set(Initiative.objects.exclude(organisation__kind="prefecture")
                         .values_list("organisation__name", flat=True))
    assert len(municipalities) == 9
    assert Initiative.objects.filter(organisation__slug="hokkaido", continuing=True).count() >= 10


@pytest.mark.django_db
def test_demo_records_carry_their_own_dates_not_the_load_day(demo):
    """A partner's public page shows 「掲載内容の確認日」; projects and evaluations were
    registered in their survey's year."""
    from django.utils import timezone

    from kyodo.collaboration.models import EvaluationSheet, Partner, PartnerMember

    today = timezone.localdate()
    published = SurveyCampaign.objects.filter(organisation__slug="hokkaido", status="published")
    assert not Partner.objects.filter(organisation__slug="hokkaido", verified_at__date=today).exists()
    assert not Partner.objects.filter(organisation__slug="hokkaido", created_at__date=today).exists()
    assert not PartnerMember.objects.filter(partner__organisation__slug="hokkaido",
                                        accepted_at__date=today).exists()
    assert not Project.objects.filter(campaign__in=published, created_at__date=today).exists()
    assert not Evaluation.objects.filter(created_at__date=today).exists()
    assert not EvaluationSheet.objects.filter(updated_at__date=today).exists()
