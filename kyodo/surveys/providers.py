"""What アンケート declares to the site-wide pages (portal, search, open data, my page, bench)
and the panels it adds to a plan's dashboard and a council evaluation. Each provider runs a
constant number of queries and returns only public data (my items: only the user's own)."""

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.core import modules

from . import queries
from .models import Survey, SurveyResponse


def opportunities(organisation_ids, now):
    today = timezone.localdate(now) if timezone.is_aware(now) else now.date()
    surveys = Survey.objects.filter(status=Survey.Status.OPEN, opens_on__lte=today, closes_on__gte=today,
                                    method__in=[Survey.Method.OPEN, Survey.Method.ACCOUNT]).select_related(
        "organisation")
    if organisation_ids is not None:
        surveys = surveys.filter(organisation_id__in=organisation_ids)
    for survey in surveys:
        yield modules.Opportunity(
            organisation_id=survey.organisation_id, kind=_("アンケート"), title=survey.title,
            url=reverse("surveys:answer", args=[survey.organisation.slug, survey.pk]), closes=survey.closes_on,
            summary=survey.description[:120])


def search_documents(ids):
    surveys = Survey.objects.filter(status=Survey.Status.PUBLISHED).select_related("organisation")
    if ids is not None:
        surveys = surveys.filter(pk__in=ids)
    for survey in surveys:
        yield modules.SearchDocument(
            key=f"surveys.survey:{survey.pk}", organisation_id=survey.organisation_id, module="surveys",
            kind=_("アンケート結果"), title=survey.title,
            body=f"{survey.description}\n{survey.results_summary}",
            url=reverse("surveys:results", args=[survey.organisation.slug, survey.pk]),
            published_at=survey.published_at)


def dataset_rows(organisation_ids):
    return dict(Survey.objects.filter(status=Survey.Status.PUBLISHED, organisation_id__in=organisation_ids)
                .values_list("organisation_id").annotate(n=Count("id")).order_by())


def dataset_updated(organisation_ids):
    return dict(Survey.objects.filter(status=Survey.Status.PUBLISHED, organisation_id__in=organisation_ids)
                .values_list("organisation_id").annotate(at=Max("published_at")).order_by())


def my_items(user):
    if not user.is_authenticated:
        return
    for response in SurveyResponse.objects.filter(user=user).select_related("survey__organisation"):
        survey = response.survey
        published = survey.status == Survey.Status.PUBLISHED
        yield modules.MyItem(
            kind=_("アンケートへの回答"), title=survey.title,
            status=_("結果公表") if published else _("回答済み"),
            url=reverse("surveys:results" if published else "surveys:thanks",
                        args=[survey.organisation.slug, survey.pk]),
            updated=survey.published_at if published else response.submitted_at)


def bench_targets():
    survey = (Survey.objects.filter(status=Survey.Status.PUBLISHED).select_related("organisation")
              .annotate(n=Count("responses")).order_by("-n").first())
    if survey is None:
        return []
    slug = survey.organisation.slug
    return [
        ("surveys.results", "アンケート結果", reverse("surveys:results", args=[slug, survey.pk])),
        ("surveys.crosstab", "アンケートのクロス集計", reverse("surveys:crosstab", args=[slug, survey.pk])
         + "?by=age_band"),
        ("surveys.api_results", "API: アンケート集計", f"/api/v1/surveys/{survey.pk}/results"),
    ]


def _panels(surveys):
    for figure in queries.headline_figures(surveys):
        survey = figure["survey"]
        yield modules.Panel(
            title=survey.title,
            url=reverse("surveys:results", args=[survey.organisation.slug, survey.pk]),
            figures=((str(_("満足(4・5)の割合")), f"{figure['satisfied']}%"),
                     (str(_("平均(5段階)")), str(figure["mean"] if figure["mean"] is not None else "—")),
                     (str(_("回答者")), f"n={figure['base']}")),
            note=f"問{figure['question'].number} {figure['question'].text}")


def plan_panels(plan):
    return list(_panels(Survey.objects.filter(plan=plan, status=Survey.Status.PUBLISHED)
                        .select_related("organisation").order_by("-published_at")[:3]))


def evaluation_panels(evaluation_round):
    return list(_panels(Survey.objects.filter(evaluation_round=evaluation_round, status=Survey.Status.PUBLISHED)
                        .select_related("organisation").order_by("-published_at")[:3]))


def register():
    modules.register_opportunities(opportunities)
    modules.register_search(modules.SearchSource(name="surveys.survey", model=Survey, documents=search_documents))
    modules.register_dataset(modules.Dataset(
        name="surveys.aggregates", title=_("アンケート・市民満足度調査の集計結果"),
        description=_("公表したアンケートの設問ごとの回答数と割合(個々の回答は含みません)"),
        url_name="surveys:index", rows=dataset_rows, updated=dataset_updated))
    modules.register_my_items(my_items)
    modules.register_bench_targets(bench_targets)
    modules.register_plan_panel(plan_panels)
    modules.register_evaluation_panel(evaluation_panels)
