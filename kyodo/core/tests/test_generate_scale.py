"""``manage.py generate_scale``: the scale's row counts, the same data for the same seed,
``--replace`` without duplicates, refusals, valid objects, and public pages that render."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from kyodo.collaboration.models import Evaluation, Partner, Project, SheetRating, SurveyCampaign
from kyodo.core.models import AuditEntry, Department, Organisation
from kyodo.councils.models import Council, Meeting, Member, Rating
from kyodo.lectures.models import Request
from kyodo.lectures.models import Theme as LectureTheme
from kyodo.plans.models import ActionItem, Plan, ProgressReport

BIG_TABLES = (Request, ProgressReport, Project, AuditEntry)


def generate(*args):
    call_command("generate_scale", "--scale", "s", *args, stdout=open("/dev/null", "w"))


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    """The demo and scale ``s``, made once for this module and rolled back after it (each
    test runs in a savepoint inside, so what a test changes is undone too)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", quiet_users=True, stdout=open("/dev/null", "w"))
        generate()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def scale_s(_world, db):
    return Organisation.objects.filter(slug__startswith="scale-").order_by("slug")


def counts():
    return {model._meta.label: model.objects.filter(**_generated(model)).count()
            for model in (*BIG_TABLES, Rating, SheetRating, Plan, ActionItem, Council, Partner,
                          Department)}


def _generated(model):
    path = {Request: "organisation", ProgressReport: "item__plan__organisation",
            Project: "organisation", AuditEntry: "organisation", Rating: "round__council__organisation",
            SheetRating: "sheet__evaluation__project__organisation", Plan: "organisation",
            ActionItem: "plan__organisation", Council: "organisation", Partner: "organisation",
            Department: "organisation"}[model]
    return {f"{path}__slug__startswith": "scale-"}


def key_values():
    return (
        list(Organisation.objects.filter(slug__startswith="scale-")
             .values_list("name", "slug", "local_government_code").order_by("slug")),
        list(Project.objects.filter(organisation__slug__startswith="scale-")
             .values_list("fiscal_year", "title", "budget")
             .order_by("organisation__slug", "fiscal_year", "title", "pk")[:200]),
        list(Request.objects.filter(organisation__slug__startswith="scale-")
             .values_list("fiscal_year", "sequence", "status", "group_name")
             .order_by("organisation__slug", "fiscal_year", "sequence")[:200]),
        list(ProgressReport.objects.filter(item__plan__organisation__slug__startswith="scale-")
             .values_list("fiscal_year", "period", "status", "progress")
             .order_by("item__plan__organisation__slug", "item__plan__title", "item__code",
                       "fiscal_year", "period", "pk")[:200]),
    )


def test_scale_s_writes_about_a_thousand_rows_in_each_big_table(scale_s):
    found = counts()
    for model in BIG_TABLES:
        assert 700 <= found[model._meta.label] <= 1_300, (model, found)
    ratings = found["councils.Rating"] + found["collaboration.SheetRating"]
    assert 700 <= ratings <= 1_300, found
    assert found["councils.Rating"] and found["collaboration.SheetRating"]
    assert scale_s.count() == 2
    # The demo's own data is untouched.
    assert Project.objects.filter(organisation__slug="hokkaido").exists()


def test_same_seed_same_data_and_replace_does_not_duplicate(scale_s):
    before, values = counts(), key_values()
    generate("--replace")
    assert counts() == before
    assert key_values() == values
    call_command("generate_scale", "--scale", "s", "--replace", "--seed", "7",
                 stdout=open("/dev/null", "w"))
    assert key_values()[1] != values[1]


def test_a_second_run_without_replace_is_refused(scale_s):
    with pytest.raises(CommandError, match="--replace"):
        generate()


def test_refuses_without_the_demo(scale_s):
    Organisation.objects.filter(slug="sapporo").update(slug="not-the-demo")
    with pytest.raises(CommandError, match="load_demo"):
        generate("--replace")


def test_refuses_in_production(scale_s, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        generate()


SAMPLED = [
    (Organisation, "slug"), (Department, "organisation__slug"), (Plan, "organisation__slug"),
    (ActionItem, "plan__organisation__slug"), (ProgressReport, "item__plan__organisation__slug"),
    (Council, "organisation__slug"), (Member, "council__organisation__slug"),
    (Meeting, "council__organisation__slug"), (Rating, "round__council__organisation__slug"),
    (LectureTheme, "organisation__slug"), (Request, "organisation__slug"),
    (Partner, "organisation__slug"), (SurveyCampaign, "organisation__slug"),
    (Project, "organisation__slug"), (Evaluation, "project__organisation__slug"),
    (SheetRating, "sheet__evaluation__project__organisation__slug"),
]


def test_generated_objects_pass_model_validation(scale_s):
    for model, path in SAMPLED:
        sample = list(model.objects.filter(**{f"{path}__startswith": "scale-"}).order_by("?")[:20])
        assert sample, model
        for obj in sample:
            obj.full_clean()


def test_published_reports_are_frozen_as_publishing_freezes_them(scale_s):
    from kyodo.collaboration.report import compute

    campaign = SurveyCampaign.objects.filter(organisation=scale_s[0], status="published").first()
    assert campaign.report == compute(campaign)
    assert campaign.report["totals"]["projects"] > 50


def test_public_pages_render_with_the_data(scale_s, client):
    org = scale_s[0]
    campaign = SurveyCampaign.objects.filter(organisation=org, status="published").first()
    year = Request.objects.filter(organisation=org).order_by("fiscal_year").first().fiscal_year
    plan = Plan.objects.filter(organisation=org, status="adopted").first()
    pages = [
        "/", f"/org/{org.slug}/",
        f"/org/{org.slug}/collaboration/reports/{campaign.fiscal_year}/",
        f"/org/{org.slug}/collaboration/projects/", f"/org/{org.slug}/collaboration/partners/",
        f"/org/{org.slug}/collaboration/evaluations/",
        f"/org/{org.slug}/lectures/", f"/org/{org.slug}/lectures/statistics/?fiscal_year={year}",
        f"/org/{org.slug}/plans/", f"/org/{org.slug}/plans/{plan.pk}/",
        f"/org/{org.slug}/councils/", f"/org/{org.slug}/councils/recommendations/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    report = client.get(pages[2]).content.decode()
    assert str(campaign.report["totals"]["projects"]) in report
