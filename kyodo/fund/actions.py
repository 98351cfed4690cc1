"""Writes of the fund database, each in one transaction: validated (``full_clean``) before it is
saved, so a refused value leaves nothing half-saved, and the public pages' cache moved on so the
change shows at once."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from kyodo.core import pagecache

from .models import DonationYear, Donor, Fund, FundRound, Grant, GrantCategory


def _require(actor, obj):
    if not actor.has_perm("fund.manage", obj):
        raise PermissionDenied


def _save(actor, obj, scope=None):
    _require(actor, scope if scope is not None else obj)
    with transaction.atomic():
        obj.full_clean()
        obj.save()
        pagecache.invalidate_now_and_on_commit()
    return obj


def save_fund(actor, fund):
    return _save(actor, fund, fund.organisation if fund.organisation_id else None)


def save_round(actor, round_):
    return _save(actor, round_, round_.fund)


def save_category(actor, category):
    return _save(actor, category, category.round.fund)


def save_grant(actor, grant):
    """A grant of ``grant.round`` (its fund, organisation and 年度 follow from the round)."""
    grant.fund_id = grant.round.fund_id
    grant.organisation_id = grant.round.fund.organisation_id
    grant.fiscal_year = grant.round.fiscal_year
    return _save(actor, grant, grant.round.fund)


def delete_grant(actor, grant):
    _require(actor, grant)
    with transaction.atomic():
        grant.delete()
        pagecache.invalidate_now_and_on_commit()


def save_donation_year(actor, donation_year):
    return _save(actor, donation_year, donation_year.fund)


def add_donor(actor, donor):
    return _save(actor, donor, donor.donation_year.fund)


def delete_donor(actor, donor):
    _require(actor, donor.donation_year.fund)
    with transaction.atomic():
        donor.delete()
        pagecache.invalidate_now_and_on_commit()


def import_grants(actor, fund, rows):
    """Create the grants of ``rows`` (already cleaned dicts with a ``round`` and the grant's
    fields) all at once or none: a refused row refuses the file."""
    _require(actor, fund)
    created = []
    with transaction.atomic():
        for row in rows:
            grant = Grant(**row)
            grant.fund_id = fund.pk
            grant.organisation_id = fund.organisation_id
            grant.fiscal_year = grant.round.fiscal_year
            grant.full_clean()
            grant.save()
            created.append(grant)
        pagecache.invalidate_now_and_on_commit()
    return created


__all__ = ["save_fund", "save_round", "save_category", "save_grant", "delete_grant",
           "save_donation_year", "add_donor", "delete_donor", "import_grants",
           "Fund", "FundRound", "GrantCategory", "DonationYear", "Donor"]
