"""How long アンケート keeps who answered (kyodo/core/retention.py): a response to a survey
answered with an account keeps the account only to refuse a second answer and to list the
survey on the respondent's page. Once the results are published and the organisation's
retention period has passed, the link to the account is erased; the answers and the
attributes (年代, 区, 関わり) stay — they are the survey's statistics, and name nobody."""

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kyodo.core import retention

RESPONSES = retention.register(retention.Retained(
    key="surveys.response", label=_("アンケートの回答者"), model="surveys.SurveyResponse",
    organisation="survey__organisation_id",
    closed=Q(survey__status="published"),
    closed_at=F("survey__published_at"),
    erased=Q(user__isnull=True),
    erase={"user": None},
))
