"""Reads shared by 協働's pages, exports and API, each a fixed number of queries."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from kyodo.core.models import Department

from .models import (
    Evaluation, EvaluationSheet, EvaluationTemplate, Initiative, Partner, PartnerField,
    PartnerMember, ProfileSubmission, Project, ProjectField, ProjectForm, ProjectPartner,
    SheetRating, Stage, SurveyCampaign, SurveyResponse,
)


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
    if public:
        qs = qs.filter(published_at__isnull=False)
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


def project_years(organisation):
    return list(Project.objects.filter(organisation=organisation, published_at__isnull=False)
                .values_list("fiscal_year", flat=True).distinct().order_by("-fiscal_year"))


def project_departments(organisation):
    return list(Department.objects.filter(
        collaboration_projects__organisation=organisation,
        collaboration_projects__published_at__isnull=False).distinct()
        .order_by("sort_order", "id"))


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


def evaluations_for_report(organisation, fiscal_year):
    return list(Evaluation.objects.filter(
        project__organisation=organisation, project__fiscal_year=fiscal_year,
        status=Evaluation.Status.PUBLISHED, withdrawn_at__isnull=True).select_related("project", "project__department",
                                                            "partner", "project__organisation")
        .order_by("-score", "project__title"))


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
