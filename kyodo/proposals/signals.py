"""A 協働取組実態調査 opened after a call's results were published takes in the 協働事業 made from
its adopted proposals (issue 15 §4: the annual survey picks them up without retyping). A survey
already taking answers at publication gets them there (``actions._answerable_campaign``)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from kyodo.collaboration.models import Project, SurveyCampaign, SurveyResponse


@receiver(post_save, sender=SurveyCampaign, dispatch_uid="proposals.adopt_projects_into_survey")
def adopt_projects_into_survey(sender, instance, **kwargs):
    if not instance.accepts_answers():
        return
    made = dict(Project.objects.filter(
        organisation_id=instance.organisation_id, fiscal_year=instance.fiscal_year,
        campaign__isnull=True, withdrawn_at__isnull=True, proposals__isnull=False,
    ).values_list("pk", "department_id"))
    if not made:
        return
    Project.objects.filter(pk__in=made).update(campaign=instance)
    # As when a department enters a project itself: its answer is 入力中 until it confirms it.
    SurveyResponse.objects.filter(
        campaign=instance, department_id__in=set(made.values()),
        status__in=[SurveyResponse.Status.NOT_STARTED, SurveyResponse.Status.NONE],
    ).update(status=SurveyResponse.Status.IN_PROGRESS, submitted_at=None)
