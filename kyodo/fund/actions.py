"""Writes of the fund database, each in one transaction: validated (``full_clean``) before it is
saved, so a refused value leaves nothing half-saved, and the public pages' cache moved on so the
change shows at once. A recorded grant is public: changing it is a correction with a reason and a
trail (``update_grant``), and there is no deleting one: a grant recorded by mistake or revoked is
withdrawn (取消, ``withdraw_grant``) with a reason, its page kept with the notice."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.collaboration.vocabularies import FIELD_SHORT
from kyodo.core import corrections, pagecache
from kyodo.core.actions import acting_as
from kyodo.core.db import analyze_if_bulk
from kyodo.core.japanese import format_yen

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
    """A new grant of ``grant.round`` (its fund, organisation and 年度 follow from the round); a
    recorded one changes only through ``update_grant``."""
    if grant.pk:
        return update_grant(actor, grant)
    grant.fund_id = grant.round.fund_id
    grant.organisation_id = grant.round.fund.organisation_id
    grant.fiscal_year = grant.round.fiscal_year
    return _save(actor, grant, grant.round.fund)


#: A grant's fields once recorded (public at once); changing any of them is a correction.
GRANT_FIELDS = ("round", "category", "group_name", "partner", "title", "field", "area", "amount",
                "summary", "report", "reported_on")
#: Filled in later, not corrected, when they were still empty: the 実績報告 and its date.
LATER_FIELDS = ("report", "reported_on")


def update_grant(actor, grant, *, reason=""):
    """Change a recorded grant. A grant is public from the moment it is recorded, so a change to
    what was published is a correction (訂正): it needs a reason and keeps its trail in
    ``core.corrections`` (who, when, why, the values before and after), shown on the grant's
    public page. Filling in the 実績報告 for the first time is no correction and needs no reason."""
    _require(actor, grant)
    stored = Grant.objects.select_related("round__fund", "category", "partner").get(pk=grant.pk)
    _require(actor, stored)
    _require_standing(stored)
    changed = {f: getattr(grant, f) for f in GRANT_FIELDS if getattr(stored, f) != getattr(grant, f)}
    added = {f: v for f, v in changed.items() if f in LATER_FIELDS and not getattr(stored, f)}
    corrected = {f: v for f, v in changed.items() if f not in added}
    if corrected and not (reason or "").strip():
        raise ValidationError({"correction_reason": _(
            "公開中の助成を訂正するには訂正の理由を入力してください(公開ページに表示されます)。")})
    with transaction.atomic():
        for name, value in added.items():
            setattr(stored, name, value)
        if corrected:
            record = corrections.correct(actor, stored, reason=reason, changes=corrected)
            _readable(record)
        elif added:
            with acting_as(actor):
                stored.full_clean()
                stored.save()
        pagecache.invalidate_now_and_on_commit()
    return stored


def _require_standing(grant):
    if grant.withdrawn_at is not None:
        raise ValidationError(_("取り消した助成は訂正できません。"))


def withdraw_grant(actor, grant, *, reason):
    """取消 of a recorded grant (entered twice, the wrong group, the decision revoked) by the staff
    who may correct it: the grant's public page stays with the date and the reason; it leaves the
    grant database's lists, totals, downloads and API, the search and the partner's page."""
    _require(actor, grant)
    with transaction.atomic():
        stored = Grant.objects.select_for_update().get(pk=grant.pk)
        _require_standing(stored)
        record = corrections.withdraw(actor, stored, reason=reason,
                                      changes={"withdrawn_at": timezone.now()})
        pagecache.invalidate_now_and_on_commit()
    return record


def _readable(record):
    """The notice shows the field's name and the amount as people read them, not stored keys."""
    field_label, amount_label = (str(Grant._meta.get_field(n).verbose_name) for n in ("field", "amount"))
    for values in (record.before, record.after):
        if values.get(field_label):
            values[field_label] = str(FIELD_SHORT.get(values[field_label], values[field_label]))
        if values.get(amount_label):
            values[amount_label] = format_yen(int(values[amount_label]))
    record.save(update_fields=["before", "after"])


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
        analyze_if_bulk(len(created), Grant)  # the next pages plan from real counts (issue 13 §11)
        pagecache.invalidate_now_and_on_commit()
    return created


__all__ = ["save_fund", "save_round", "save_category", "save_grant", "update_grant", "withdraw_grant",
           "save_donation_year", "add_donor", "delete_donor", "import_grants",
           "Fund", "FundRound", "GrantCategory", "DonationYear", "Donor"]
