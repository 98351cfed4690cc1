"""Who may do what with the fund database — the one place these rules live.

- Everyone reads funds, rounds, grants, yearly donation totals and the names of donors who
  consented to publication (all public data).
- The coordinator (主管課), the organisation admin and platform admins keep the data: funds,
  rounds and their categories, grants and their 実績報告, donations and donors (including
  donors' names that are not public).

Objects: Organisation, Fund, FundRound, GrantCategory, Grant, DonationYear, Donor — each traced
to its organisation without a query when the caller select_related what it reads.
"""

import rules

from kyodo.core.models import Organisation
from kyodo.core.rules import is_coordinator, is_org_admin, is_platform_admin

from .models import DonationYear, Donor, Fund, FundRound, Grant, GrantCategory


class _Scope:
    def __init__(self, organisation_id):
        self.organisation_id = organisation_id


def organisation_scope(obj):
    if isinstance(obj, (Organisation, Fund, Grant)):
        return obj
    if isinstance(obj, (FundRound, DonationYear)):
        return _Scope(obj.fund.organisation_id)
    if isinstance(obj, GrantCategory):
        return _Scope(obj.round.fund.organisation_id)
    if isinstance(obj, Donor):
        return _Scope(obj.donation_year.fund.organisation_id)
    return None


@rules.predicate
def keeps_fund_data(user, obj):
    scope = organisation_scope(obj)
    return scope is not None and (is_coordinator(user, scope) or is_org_admin(user, scope))


rules.add_perm("fund.manage", is_platform_admin | keeps_fund_data)
