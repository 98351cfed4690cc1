"""The demo: 根室市 with a 市民提案型 call open now and a 行政提案型 call whose results are
published (12 proposals, 5 reviewers, one recusal, adopted proposals turned into projects)."""

import pytest

from kyodo.core.demo import loader
from kyodo.proposals import demo
from kyodo.proposals.models import Call, Proposal, Recusal


@pytest.fixture
def world(db):
    world = loader.load()
    demo.load(world)
    demo.load(world)  # idempotent
    return world


def test_demo_calls_of_nemuro(world, client):
    past = Call.objects.get(title=demo.PAST_TITLE)
    assert past.status == Call.Status.PUBLISHED and past.kind == "administration"
    assert past.proposals.count() >= 12
    assert past.panel.count() == 5
    assert Recusal.objects.filter(proposal__call=past).count() == 1
    adopted = past.proposals.filter(status=Proposal.Status.ADOPTED)
    rejected = past.proposals.filter(status=Proposal.Status.REJECTED)
    assert adopted.exists() and rejected.exists()
    assert all(p.project_id and p.project.published_at for p in adopted)
    current = Call.objects.get(title=demo.OPEN_TITLE)
    assert current.kind == "citizen" and current.accepts_proposals()

    page = client.get(f"/org/nemuro/proposals/calls/{past.pk}/results/")
    assert page.status_code == 200
    html = page.content.decode()
    project = adopted.first().project
    assert project.get_absolute_url() in html
    assert "proposal1@example.org" not in html  # contact details never on the public page
    home = client.get("/org/nemuro/").content.decode()
    assert "/org/nemuro/proposals/" in home


def test_demo_partners_and_memberships_carry_dates_of_the_world_not_the_load_day(world):
    """The directory's 「掲載内容の確認日」 and the membership come before the 平成17年度 call
    opened (as the collaboration demo dates its own), not the day the demo is loaded."""
    from django.utils import timezone

    from kyodo.collaboration.models import Partner, PartnerMember

    past = Call.objects.get(title=demo.PAST_TITLE)
    partners = Partner.objects.filter(organisation__slug="nemuro")
    memberships = PartnerMember.objects.filter(partner__organisation__slug="nemuro")
    assert partners.exists() and memberships.exists()
    today = timezone.localdate()
    for partner in partners:
        assert partner.verified_at.date() != today and partner.created_at < past.opens_at
    for membership in memberships:
        assert membership.accepted_at.date() != today and membership.accepted_at < past.opens_at
