"""Who may do what with アンケート — the one place these rules live.

- Any visitor answers an open survey (by the survey's method: an account, an invitation code,
  or open with a submission limit) and reads the published results and their downloads.
- The organisation's staff see every survey's results before publication (集計の確認).
- The coordinator (主管課), the organisation admin and the staff of the survey's department
  (担当課) build the survey, open and close it, generate invitation codes, run the word
  analysis, read the free-text answers behind a word, download the raw answers (recorded in
  the audit log) and publish the results.
- The reception desk (受付窓口) and the survey's managers key in paper answers with the channel.
- Respondents are never named to anyone: a response keeps no name or contact.
"""

import rules

from kyodo.core.models import Organisation
from kyodo.core.rules import (
    departments_for, is_coordinator, is_org_admin, is_org_staff, is_platform_admin, is_reception_desk,
)

from .models import Survey


def _organisation(obj):
    if isinstance(obj, Organisation):
        return obj
    return getattr(obj, "organisation", None)


@rules.predicate
def is_admin(user, obj):
    return is_org_admin(user, _organisation(obj))


@rules.predicate
def is_staff(user, obj):
    return is_org_staff(user, _organisation(obj))


@rules.predicate
def is_survey_coordinator(user, obj):
    return is_coordinator(user, _organisation(obj))


@rules.predicate
def is_reception(user, obj):
    return is_reception_desk(user, _organisation(obj))


@rules.predicate
def is_survey_department(user, obj):
    """Staff of the survey's department (担当課)."""
    return isinstance(obj, Survey) and obj.department_id is not None and obj.department_id in departments_for(user)


runs = is_platform_admin | is_admin | is_survey_coordinator
manages = runs | is_survey_department

rules.add_perm("surveys.use_staff_screens", runs | is_staff)
rules.add_perm("surveys.create", runs)
rules.add_perm("surveys.manage", manages)
rules.add_perm("surveys.view_results", runs | is_staff)
rules.add_perm("surveys.enter_paper", manages | is_reception)
rules.add_perm("surveys.read_answers", manages)
rules.add_perm("surveys.download_raw", manages)
