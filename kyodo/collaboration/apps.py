from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    """協働 (SPEC §3.4): partners, collaboration projects, the annual survey, evaluation."""

    name = "kyodo.collaboration"
    label = "collaboration"
    verbose_name = _("協働")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, rules  # noqa: F401  (rules registers the collaboration.* perms)

        for model in (models.Partner, models.PartnerField, models.PartnerMember,
                      models.ProfileSubmission, models.SurveyCampaign, models.SurveyResponse,
                      models.Project, models.ProjectForm, models.ProjectField,
                      models.ProjectPartner, models.EvaluationTemplate,
                      models.EvaluationCriterion, models.Evaluation, models.EvaluationSheet,
                      models.SheetRating, models.Initiative):
            auditlog.register(model, exclude_fields=["report"] if model is models.SurveyCampaign
                              else None)

    def load_demo(self, world):
        from . import demo

        demo.load(world)
