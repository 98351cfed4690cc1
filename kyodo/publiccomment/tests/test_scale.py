"""Scale data (``generate_scale``): every generated municipality has a call a year, past ones
published with every comment grouped, the current one open; the results page renders; purge
removes exactly that data."""

from django.urls import reverse

from kyodo.core import scale as core_scale
from kyodo.core.models import Organisation
from kyodo.publiccomment import scale
from kyodo.publiccomment.models import Call, Comment


def test_generated_calls_are_complete_and_their_results_render(hokkaido, client):
    ctx = core_scale.Context(scale=core_scale.SCALES["xs"], seed=7)
    core_scale.generate(ctx)
    scale.generate(ctx)
    ctx.flush()
    core_scale.finish(ctx)
    generated = Organisation.objects.filter(slug__startswith=core_scale.SLUG_PREFIX)
    assert Call.objects.filter(organisation__in=generated).count() == 2 * 3
    assert Call.objects.filter(status=Call.Status.ANNOUNCED).count() == 2
    published = Call.objects.filter(status=Call.Status.PUBLISHED)
    assert not Comment.objects.filter(call__in=published, opinion_items__isnull=True).exists()
    assert 80 <= Comment.objects.count() <= 130
    call = published.select_related("organisation").first()
    response = client.get(reverse("publiccomment:results", args=[call.organisation.slug, call.pk]))
    assert response.status_code == 200 and "意見の概要と市の考え方" in response.content.decode()
    scale.purge(generated)
    assert not Call.objects.exists() and not Comment.objects.exists()
