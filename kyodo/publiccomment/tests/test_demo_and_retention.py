"""The demo (札幌市: a finished public comment on サービスアップ行動計画 with 40 comments grouped
and answered, one open call) loads twice without duplicates; commenters' personal data is
erased after the retention period, the public record stays."""

import datetime

from django.utils import timezone

from kyodo.core import retention
from kyodo.publiccomment.models import Call, Comment

from .conftest import add_comments, make_call


def test_the_demo_loads_twice_without_duplicates(transactional_db):
    from kyodo.core.demo import loader
    from kyodo.publiccomment import demo

    world = loader.load()
    demo.load(world)
    demo.load(world)
    finished = Call.objects.get(title="サービスアップ行動計画(案)")
    assert finished.status == Call.Status.PUBLISHED and finished.comments.count() == 40
    assert finished.opinion_items.count() == 8 and finished.opinion_items.filter(modified=True).count() == 1
    assert not finished.comments.filter(opinion_items__isnull=True).exists()
    assert finished.comments.filter(masked_at__isnull=False).count() == 1
    assert finished.sections.exclude(final_text="").count() == 1
    assert finished.analysis.status == "done" and finished.analysis.result["documents"] == 40
    assert "窓口" in [w["word"] for w in finished.analysis.result["words"][:10]]
    open_call = Call.objects.get(title="市民意見を市政に反映する取組方針(案)")
    assert open_call.current_phase == Call.Phase.OPEN and open_call.period_days == 30


def test_personal_data_is_erased_after_the_retention_period(sapporo, office):
    call = make_call(sapporo, office, status=Call.Status.PUBLISHED,
                     opens=timezone.localdate() - datetime.timedelta(days=800),
                     results_published_at=timezone.now() - datetime.timedelta(days=700))
    comment = add_comments(call, 1)[0]
    comment.original_body = "原文に他人の個人情報"
    comment.save()
    counts = retention.purge()
    assert counts["publiccomment.comment"] == 1
    comment = Comment.objects.get(pk=comment.pk)
    assert comment.name == retention.ERASED and comment.email == "" and comment.original_body == ""
    assert comment.erased_at is not None and comment.body == "意見0"
