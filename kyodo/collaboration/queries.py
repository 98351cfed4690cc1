"""Reads shared by 協働's pages, exports and API, each a fixed number of queries."""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from .models import (
    Evaluation, EvaluationSheet, EvaluationTemplate, Initiative, Partner, PartnerField,
    PartnerMember, ProfileSubmission, Project, ProjectField, ProjectForm, ProjectPartner,
    SheetRating, Stage, SurveyCampaign, SurveyResponse, detail_url,
)
from .vocabularies import CollaborationForm, PartnerType


def listed_partners(organisation):
    """The public directory: verified partners with their fields (2 queries)."""
    return (Partner.objects.filter(organisation=organisation, verified_at__isnull=False)
            .select_related("organisation")
            .prefetch_related(Prefetch("fields", queryset=PartnerField.objects.order_by("id")))
            .order_by("name_kana", "name"))


def filter_partners(qs, data):
    if data.get("q"):
        q = data["q"]
        qs = qs.filter(Q(name__icontains=q) | Q(name_kana__icontains=q)
                       | Q(description__icontains=q))
    if data.get("partner_type"):
        qs = qs.filter(partner_type=data["partner_type"])
    if data.get("field"):
        qs = qs.filter(Exists(PartnerField.objects.filter(partner=OuterRef("pk"),
                                                          field=data["field"])))
    if data.get("area"):
        qs = qs.filter(area__icontains=data["area"])
    return qs


def _project_prefetches():
    return (
        Prefetch("forms", queryset=ProjectForm.objects.order_by("id")),
        Prefetch("fields", queryset=ProjectField.objects.order_by("id")),
        Prefetch("partners", queryset=ProjectPartner.objects.select_related("partner")),
    )


def projects(organisation, *, public=True):
    qs = Project.objects.filter(organisation=organisation)
    if public:  # a withdrawn project keeps its page (with the reason) but leaves the lists
        qs = qs.filter(published_at__isnull=False, withdrawn_at__isnull=True)
    return (qs.select_related("department", "organisation")
            .prefetch_related(*_project_prefetches())
            .order_by("-fiscal_year", "department__sort_order", "title"))


def filter_projects(qs, data):
    if data.get("fiscal_year"):
        qs = qs.filter(fiscal_year=data["fiscal_year"])
    if data.get("department"):
        qs = qs.filter(department_id=data["department"])
    if data.get("form"):
        qs = qs.filter(Exists(ProjectForm.objects.filter(project=OuterRef("pk"),
                                                         form=data["form"])))
    if data.get("field"):
        qs = qs.filter(Exists(ProjectField.objects.filter(project=OuterRef("pk"),
                                                          field=data["field"])))
    if data.get("q"):
        qs = qs.filter(Q(title__icontains=data["q"]) | Q(purpose__icontains=data["q"]))
    return qs


def in_order(queryset, ids, columns):
    """The ``values()`` rows of ``ids``, in the order of ``ids`` (one deleted in between is
    left out)."""
    rows = {row["id"]: row for row in queryset.filter(pk__in=ids).values(*columns)}
    return [rows[pk] for pk in ids if pk in rows]


def grouped(rows):
    """{key: [values…]} from (key, value) rows, in the rows' order."""
    by_key = defaultdict(list)
    for key, value in rows:
        by_key[key].append(value)
    return by_key


def iso(value):
    """A date or time as ISO 8601, or None."""
    return value.isoformat() if value else None


PARTNER_COLUMNS = ("id", "name", "name_kana", "partner_type", "area", "description", "website",
                   "founded_year", *(f"{name}{public}" for name, _label in Partner.CONTACT_FIELDS
                                     for public in ("", "_public")))


def partner_rows(slug, ids):
    """The listed partners ``ids`` as the directory and the API show them: public columns,
    activity fields, published contact (2 queries, no model objects)."""
    url = detail_url("collaboration:partner", slug)
    type_labels = {value: str(label) for value, label in PartnerType.choices}
    fields = grouped(PartnerField.objects.filter(partner_id__in=ids)
                     .order_by("id").values_list("partner_id", "field"))
    return [{
        **{column: row[column] for column in PARTNER_COLUMNS[:8]},
        "partner_type_label": type_labels.get(row["partner_type"], row["partner_type"]),
        "fields": fields[row["id"]],
        "public_contact": [{"label": str(label), "value": value}
                           for label, value in Partner.public_contact_of(row)],
        "url": url(row["id"]),
    } for row in in_order(Partner.objects, ids, PARTNER_COLUMNS)]


PROJECT_COLUMNS = ("id", "fiscal_year", "department__name", "title", "purpose", "content",
                   "results", "budget", "start_date", "end_date", "continued_from_id")


def project_rows(slug, ids):
    """The projects ``ids`` as the project list and the API show them: columns, department,
    forms, fields and partners, each partner linked only while it is listed (4 queries, no
    model objects)."""
    url = detail_url("collaboration:project", slug)
    form_labels = {value: str(label) for value, label in CollaborationForm.choices}
    rows = in_order(Project.objects, ids, PROJECT_COLUMNS)
    forms = grouped(ProjectForm.objects.filter(project_id__in=ids).order_by("id")
                    .values_list("project_id", "form"))
    fields = grouped(ProjectField.objects.filter(project_id__in=ids).order_by("id")
                     .values_list("project_id", "field"))
    partners = grouped(
        (p["project_id"], {
            "name": p["name"], "partner_type": p["partner_type"], "role": p["role"],
            # a partner not (or no longer) in the directory is named, not linked
            "partner_id": p["partner_id"] if p["partner__verified_at"] else None})
        for p in ProjectPartner.objects.filter(project_id__in=ids)
        .order_by("project_id", "id")
        .values("project_id", "name", "partner_type", "role", "partner_id",
                "partner__verified_at"))
    return [{
        **{column: row[column] for column in PROJECT_COLUMNS if "__" not in column},
        "department": row["department__name"],
        "start_date": iso(row["start_date"]), "end_date": iso(row["end_date"]),
        "forms": forms[row["id"]],
        "form_labels": [form_labels[form] for form in forms[row["id"]]],
        "fields": fields[row["id"]], "partners": partners[row["id"]],
        "url": url(row["id"]),
    } for row in rows]


def project_filter_choices(organisation):
    """The years (newest first) and the departments that have published projects, for the
    project list's filters: one query of the distinct (year, department) pairs."""
    pairs = set(Project.objects.filter(organisation=organisation, published_at__isnull=False,
                                       withdrawn_at__isnull=True)
                .values_list("fiscal_year", "department_id").distinct().order_by())
    return sorted({year for year, _department in pairs}, reverse=True), {
        department for _year, department in pairs}


def published_evaluations_of(projects_):
    return (Evaluation.objects.filter(project__in=projects_, status=Evaluation.Status.PUBLISHED)
            .select_related("partner").order_by("stage"))


def published_campaigns(organisation):
    return SurveyCampaign.objects.filter(organisation=organisation,
                                         status=SurveyCampaign.Status.PUBLISHED).order_by("-fiscal_year")


def report_pair(organisation, fiscal_year):
    """The published campaign of a year and the year before (one query)."""
    found = {c.fiscal_year: c for c in published_campaigns(organisation).filter(
        fiscal_year__in=[fiscal_year, fiscal_year - 1])}
    return found.get(fiscal_year), found.get(fiscal_year - 1)


def report_evaluations(organisation, fiscal_year):
    """The published evaluations of a year's projects for the survey report, best score first,
    as rows of what the report shows (one query, no model objects)."""
    url = detail_url("collaboration:evaluation", organisation.slug)
    stages = dict(Stage.choices)
    return [{
        "title": row["project__title"], "department": row["project__department__name"],
        "partner": row["partner__name"], "stage": stages.get(row["stage"], row["stage"]),
        "score": row["score"], "url": url(row["id"]),
    } for row in Evaluation.objects.filter(
        project__organisation=organisation, project__fiscal_year=fiscal_year,
        status=Evaluation.Status.PUBLISHED, withdrawn_at__isnull=True)
        .order_by("-score", "project__title")
        .values("id", "project__title", "project__department__name", "partner__name", "stage",
                "score")]


def campaign_progress(campaign):
    """The campaign's responses with each department's number of registered projects."""
    return list(
        SurveyResponse.objects.filter(campaign=campaign)
        .select_related("department", "campaign", "entered_by")
        .annotate(project_count=Count("department__collaboration_projects", filter=Q(
            department__collaboration_projects__campaign=campaign)))
        .order_by("department__sort_order", "department_id")
    )


def campaigns(organisation):
    return (SurveyCampaign.objects.filter(organisation=organisation)
            .annotate(total=Count("responses", distinct=True),
                      done=Count("responses", distinct=True, filter=Q(
                          responses__status__in=[SurveyResponse.Status.SUBMITTED,
                                                 SurveyResponse.Status.NONE])))
            .order_by("-fiscal_year"))


def department_projects(campaign, department):
    return (Project.objects.filter(campaign=campaign, department=department)
            .select_related("department", "organisation", "campaign")
            .prefetch_related(*_project_prefetches()).order_by("title"))


def pending_submissions(organisation):
    return (ProfileSubmission.objects.filter(partner__organisation=organisation,
                                             status=ProfileSubmission.Status.PENDING)
            .select_related("partner", "submitted_by").order_by("submitted_at"))


def evaluation_detail(pk):
    """An evaluation with its project, partner, template criteria and both sheets' ratings."""
    return (Evaluation.objects.select_related(
        "project", "project__department", "project__organisation", "partner", "template")
        .prefetch_related(
            "template__criteria",
            Prefetch("sheets", queryset=EvaluationSheet.objects.prefetch_related(
                Prefetch("ratings", queryset=SheetRating.objects.select_related("criterion"))))
        ).get(pk=pk))


def evaluations(organisation, *, statuses=None):
    qs = Evaluation.objects.filter(project__organisation=organisation)
    if statuses:
        qs = qs.filter(status__in=statuses)
    return qs.select_related("project", "project__department", "project__organisation",
                             "partner").order_by("-project__fiscal_year", "project__title")


def evaluations_for_user(user, organisation):
    """Open evaluations in which the user fills in a sheet (their department's or partner's)."""
    from kyodo.core.rules import departments_for

    from .rules import partner_ids_of

    return evaluations(organisation, statuses=[Evaluation.Status.OPEN,
                                               Evaluation.Status.REVEALED]).filter(
        Q(project__department_id__in=departments_for(user))
        | Q(partner_id__in=partner_ids_of(user))).prefetch_related("sheets")


def timeline(organisation):
    return list(Initiative.objects.filter(organisation=organisation)
                .order_by("fiscal_year", "sort_order", "id"))


def regional_initiatives():
    return (Initiative.objects.select_related("organisation")
            .exclude(organisation__kind="prefecture")
            .order_by("organisation__name_kana", "date", "sort_order", "id"))


# --- The coordinator's screens --------------------------------------------------------------------

def staff_partners(organisation):
    """Every partner of the organisation, verified or not, with its fields, number of members
    and whether a profile change waits (2 queries)."""
    return (Partner.objects.filter(organisation=organisation)
            .select_related("organisation")
            .prefetch_related(Prefetch("fields", queryset=PartnerField.objects.order_by("id")))
            .annotate(member_count=Count("members", distinct=True),
                      pending=Exists(ProfileSubmission.objects.filter(
                          partner=OuterRef("pk"), status=ProfileSubmission.Status.PENDING)))
            .order_by("name_kana", "name"))


def filter_staff_partners(qs, data):
    if data.get("q"):
        qs = qs.filter(Q(name__icontains=data["q"]) | Q(name_kana__icontains=data["q"]))
    if data.get("partner_type"):
        qs = qs.filter(partner_type=data["partner_type"])
    if data.get("verified") == "yes":
        qs = qs.filter(verified_at__isnull=False)
    elif data.get("verified") == "no":
        qs = qs.filter(verified_at__isnull=True)
    return qs


def partner_members(partner):
    return list(PartnerMember.objects.filter(partner=partner).select_related("user")
                .order_by("user__email"))


def evaluation_templates(organisation):
    """Templates with their number of criteria per stage and whether sheets rated them."""
    return list(EvaluationTemplate.objects.filter(organisation=organisation).annotate(
        **{f"count_{stage}": Count("criteria", filter=Q(criteria__stage=stage))
           for stage in Stage.values},
        in_use=Exists(SheetRating.objects.filter(criterion__template=OuterRef("pk"))),
        evaluation_count=Count("evaluations", distinct=True),
    ).order_by("-is_active", "name"))


def criteria_by_stage(template):
    """[(Stage, [criteria in order])] for every stage, empty stages included (1 query)."""
    criteria = list(template.criteria.order_by("number"))
    return [(stage, [c for c in criteria if c.stage == stage]) for stage in Stage]
