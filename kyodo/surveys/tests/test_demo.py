"""The demo: 札幌市's two rounds of the 市民満足度調査 with ≥1,500 answers, published results,
the word analysis done, links to the plan and the council evaluation; loading twice adds nothing."""

import pytest

from kyodo.core.demo import loader
from kyodo.surveys import demo
from kyodo.surveys.models import Survey, SurveyAnalysis, SurveyAnswer, SurveyResponse

pytestmark = pytest.mark.django_db


def test_demo_satisfaction_survey():
    world = loader.load()
    from kyodo.councils import demo as councils_demo
    from kyodo.plans import demo as plans_demo

    plans_demo.load(world)
    councils_demo.load(world)
    current = demo.load(world)
    assert current.is_published and current.method == Survey.Method.INVITATION
    assert current.responses.count() >= 1500
    assert current.previous.responses.count() > 0
    assert current.plan.title == "サービスアップ行動計画"
    assert current.evaluation_round is not None
    assert set(current.responses.values_list("channel", flat=True)) == {"web", "paper"}
    assert current.invitations.filter(used_at__isnull=False).count() == current.responses.filter(channel="web").count()
    texts = list(SurveyAnswer.objects.filter(question__survey=current).exclude(text="").values_list("text", flat=True))
    assert len(texts) > 800 and len(set(texts)) > 300  # varied, not one sentence repeated
    analysis = SurveyAnalysis.objects.get(question__survey=current)
    assert analysis.status == "done" and analysis.result["words"] and analysis.network_svg.startswith("<svg")
    top = [w["word"] for w in analysis.result["words"][:30]]
    assert "窓口" in top
    assert Survey.objects.filter(status=Survey.Status.OPEN).exists()
    counts = (Survey.objects.count(), SurveyResponse.objects.count(), SurveyAnswer.objects.count())
    demo.load(world)
    assert counts == (Survey.objects.count(), SurveyResponse.objects.count(), SurveyAnswer.objects.count())
