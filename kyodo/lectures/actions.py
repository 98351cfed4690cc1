"""The writes of 出前講座: the checks a request must pass (each refusal names the rule and
what to change), taking a receipt number, the workflow steps with their e-mails, and the
menu and rules upkeep."""

import datetime
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core.actions import acting_as
from kyodo.core.inputs import fold
from kyodo.core.japanese import fiscal_year, wareki_date
from kyodo.core.models import Department

from . import notices, workflow
from . import rules as lecture_rules
from .models import CalendarFeed, LectureRules, ReceiptCounter, Request, Theme

WEEKDAYS = "月火水木金土日"
REFUSALS = {
    "lectures.receive": _("受付と回付は受付窓口が行います。"),
    "lectures.handle": _("この申込を担当する課の職員だけが行えます。"),
    "lectures.decline": _("お断りは受付窓口か担当課が行います。"),
    "lectures.edit_theme": _("講座の登録・編集は担当課か受付窓口が行います。"),
    "lectures.move_theme": _("講座を自分の課以外の担当課にすることはできません。受付窓口に依頼してください。"),
    "lectures.edit_rules": _("実施要綱の変更は団体管理者が行います。"),
    "lectures.use_staff_screens": _("この画面は団体の職員だけが使えます。"),
}


def require(actor, permission, obj):
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(REFUSALS[permission])


def rules_of(organisation):
    rules, _created = LectureRules.objects.get_or_create(organisation=organisation)
    return rules


def new_form_token():
    return secrets.token_urlsafe(24)


def check_request(rules, theme, data, *, now=None):
    """Every rule a request must meet; returns {field: [messages]} (empty when it passes)."""
    now = timezone.localtime(now or timezone.now())
    errors = {}

    def refuse(field, message):
        errors.setdefault(field, []).append(message)

    if not theme.active:
        refuse("theme", _("この講座はいまは受け付けていません。講座一覧から受付中の講座を選んでください。"))
    earliest = (now + datetime.timedelta(days=rules.lead_days)).date()
    latest = (now + datetime.timedelta(days=rules.horizon_days)).date()
    for field in ("preferred_1", "preferred_2", "preferred_3"):
        when = data.get(field)
        if when is None:
            continue
        when = timezone.localtime(when)
        ends = when + datetime.timedelta(minutes=theme.duration_minutes)
        if when <= now:
            refuse(field, _("過ぎた日時は選べません。これからの日時を選んでください。"))
        elif when.date() < earliest:
            refuse(field, _("申込は実施日の%(days)d日前までです(規則: 申込の期限)。%(date)s以降の日を選んでください。")
                   % {"days": rules.lead_days, "date": wareki_date(earliest)})
        elif when.date() > latest:
            refuse(field, _("受付は%(days)d日先までです(規則: 受付期間)。%(date)sまでの日を選んでください。")
                   % {"days": rules.horizon_days, "date": wareki_date(latest)})
        if str(when.weekday()) not in rules.weekdays:
            days = "・".join(WEEKDAYS[int(d)] for d in rules.weekdays)
            refuse(field, _("%(day)s曜日は実施していません(規則: 実施する曜日は%(days)s)。別の曜日を選んでください。")
                   % {"day": WEEKDAYS[when.weekday()], "days": days})
        if when.time() < rules.earliest_time or ends.time() > rules.latest_time or ends.date() != when.date():
            refuse(field, _("講座(%(minutes)d分)は%(start)s〜%(end)sの間に収まるようにしてください(規則: 実施時間)。")
                   % {"minutes": theme.duration_minutes, "start": rules.earliest_time.strftime("%H:%M"),
                      "end": rules.latest_time.strftime("%H:%M")})
    audience = data.get("audience")
    if audience is not None and audience < rules.min_audience:
        refuse("audience", _("参加予定人数は%(min)d人以上が必要です(規則: 最少人数)。人数を見直すか、ほかの団体と合同でお申し込みください。")
               % {"min": rules.min_audience})
    address = data.get("venue_address") or ""
    if rules.area_terms and not any(term in address for term in rules.area_terms):
        refuse("venue_address", _("会場は%(area)s内に限ります(規則: 実施区域)。区域内の会場の住所を入力してください。")
               % {"area": "・".join(rules.area_terms)})
    if not data.get("purpose_confirmed", True):
        refuse("purpose_confirmed", _("%(purposes)sにはお応えできません(規則: 目的)。目的を確認してチェックしてください。")
               % {"purposes": rules.excluded_purposes})
    return errors


def _next_sequence(organisation, year):
    """Take the next receipt number under a row lock (never reused, never skipped)."""
    counter, _created = ReceiptCounter.objects.get_or_create(organisation=organisation, fiscal_year=year)
    counter = ReceiptCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def submit_request(organisation, theme, data, *, form_token=None, now=None, channel=Request.Channel.WEB,
                   entered_by=None):
    """A resident's request: checked against the rules, given a receipt number, confirmed by
    e-mail. Submitting the same form twice (same token) returns the first request."""
    if form_token:
        existing = Request.objects.filter(form_token=form_token).first()
        if existing is not None:
            return existing, False
    rules = rules_of(organisation)
    errors = check_request(rules, theme, data, now=now)
    if errors:
        raise ValidationError(errors)
    fields = {k: v for k, v in data.items() if k != "purpose_confirmed"}
    year = fiscal_year(timezone.localdate())
    try:
        with transaction.atomic():
            request = Request(organisation=organisation, theme=theme, fiscal_year=year,
                              sequence=_next_sequence(organisation, year), form_token=form_token,
                              department=theme.department, channel=channel, entered_by=entered_by, **fields)
            request.full_clean(exclude=["form_token"])
            request.save()
            notices.submitted(request, entered_by)
    except IntegrityError:
        if form_token:
            existing = Request.objects.filter(form_token=form_token).first()
            if existing is not None:
                return existing, False
        raise
    return request, True


def enter_on_behalf(actor, organisation, theme, data, *, channel, form_token=None):
    """代理入力: the reception desk enters a request received on paper, by phone, by fax or at the
    counter. The same rules and receipt numbers as the web form; recorded as entered by
    ``actor`` through ``channel``; the applicant gets the receipt mail if they gave an address."""
    require(actor, "lectures.receive", organisation)
    if channel == Request.Channel.WEB or channel not in Request.Channel.values:
        raise ValidationError({"channel": _("受付の方法(書面・電話・ファクス・窓口)を選んでください。")})
    if theme.organisation_id != organisation.pk:
        raise ValidationError({"theme": _("この団体の講座を選んでください。")})
    with acting_as(actor):
        return submit_request(organisation, theme, data, form_token=form_token, channel=channel, entered_by=actor)


def receive(actor, request, note=""):
    require(actor, "lectures.receive", request)
    with transaction.atomic():
        workflow.apply(actor, request, "receive", note=note)
        notices.received(request, actor)
    return request


def route(actor, request, department, note=""):
    require(actor, "lectures.receive", request)
    if department.organisation_id != request.organisation_id:
        raise ValidationError({"department": _("同じ団体の部署に回付してください。")})
    with transaction.atomic():
        workflow.apply(actor, request, "route", note=note, changes={"department": department})
        notices.routed(request, actor, note=(note or "").strip())
    return request


def return_to_reception(actor, request, reason):
    """受付窓口へ戻す: the department it was routed to is not the right one; the reception desk
    routes it again."""
    require(actor, "lectures.handle", request)
    with transaction.atomic():
        workflow.apply(actor, request, "return", note=reason)
        notices.returned(request, actor, (reason or "").strip())
    return request


def start_scheduling(actor, request, note=""):
    require(actor, "lectures.handle", request)
    return workflow.apply(actor, request, "schedule", note=note)


def clashes(request, starts_at, ends_at, lecturer, lecturer_user=None):
    """Decided lectures that overlap: the same lecturer (the same person, see
    ``Request.same_lecturer_as``), or the same department's slot."""
    overlapping = Request.objects.filter(
        organisation_id=request.organisation_id, status=Request.Status.DECIDED,
        starts_at__lt=ends_at, ends_at__gt=starts_at).exclude(pk=request.pk)
    candidate = Request(lecturer=lecturer, lecturer_user=lecturer_user)
    same_lecturer = [r for r in overlapping if candidate.same_lecturer_as(r)]
    same_department = [r for r in overlapping if r.department_id == request.department_id]
    return same_lecturer, same_department


def check_decision(rules, request, starts_at, *, now=None):
    """The organisation's rules a decided date breaks (weekday, hours, horizon), as messages."""
    now = timezone.localtime(now or timezone.now())
    when = timezone.localtime(starts_at)
    ends = when + datetime.timedelta(minutes=request.theme.duration_minutes)
    broken = []
    if str(when.weekday()) not in rules.weekdays:
        days = "・".join(WEEKDAYS[int(d)] for d in rules.weekdays)
        broken.append(_("%(day)s曜日は実施していません(規則: 実施する曜日は%(days)s)。")
                      % {"day": WEEKDAYS[when.weekday()], "days": days})
    if when.time() < rules.earliest_time or ends.time() > rules.latest_time or ends.date() != when.date():
        broken.append(_("講座(%(minutes)d分)が%(start)s〜%(end)sの間に収まりません(規則: 実施時間)。")
                      % {"minutes": request.theme.duration_minutes, "start": rules.earliest_time.strftime("%H:%M"),
                         "end": rules.latest_time.strftime("%H:%M")})
    if when.date() > (now + datetime.timedelta(days=rules.horizon_days)).date():
        broken.append(_("%(days)d日より先の日です(規則: 受付期間)。") % {"days": rules.horizon_days})
    return broken


def lecturers(request):
    """The staff a lecturer of ``request`` may be chosen from: those acting for its department."""
    return notices.department(request)


def decide(actor, request, *, starts_at, lecturer="", lecturer_user=None, note="", override_reason=""):
    """決定: the date, time and lecturer — one of the department's staff (``lecturer_user``) or,
    for someone without an account, a name. The date must be in the future and meet the
    organisation's rules (実施要綱) — or the person deciding states why this lecture is an
    exception (``override_reason``, kept in the record). Refused if the lecturer is already
    booked then, or the department has reached its daily cap."""
    require(actor, "lectures.handle", request)
    if lecturer_user is not None:
        if lecturer_user.pk not in {user.pk for user in lecturers(request)}:
            raise ValidationError({"lecturer_user": _("担当課の職員から選んでください。")})
        lecturer = str(lecturer_user)
    lecturer = fold(lecturer)
    if not lecturer:
        raise ValidationError({"lecturer": _("講師を職員から選ぶか、名前を入力してください。")})
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("過ぎた日時には決定できません。これからの日時を入力してください。")})
    rules = rules_of(request.organisation)
    override_reason = (override_reason or "").strip()
    broken = check_decision(rules, request, starts_at)
    if broken and not override_reason:
        raise ValidationError({"starts_at": [*broken, _(
            "実施要綱の例外として決めるときは「実施要綱の例外とする理由」を書いてください。")]})
    if override_reason and broken:
        note = "\n".join(filter(None, [_("実施要綱の例外: %(reason)s") % {"reason": override_reason}, note]))
    ends_at = starts_at + datetime.timedelta(minutes=request.theme.duration_minutes)
    same_lecturer, _same_slot = clashes(request, starts_at, ends_at, lecturer, lecturer_user)
    if same_lecturer:
        raise ValidationError({"lecturer": _("%(lecturer)sさんはその時間に別の講座(受付番号 %(no)s)があります。")
                               % {"lecturer": lecturer, "no": same_lecturer[0].receipt_number}})
    day = timezone.localtime(starts_at).date()
    same_day = Request.objects.filter(
        department_id=request.department_id, status=Request.Status.DECIDED,
        starts_at__date=day).exclude(pk=request.pk).count()
    if same_day >= rules.daily_cap_per_department:
        raise ValidationError({"starts_at": _("この課はその日すでに%(n)d件の講座があります(規則: 1日の上限)。別の日にしてください。")
                               % {"n": same_day}})
    with transaction.atomic():
        workflow.apply(actor, request, "decide", note=note,
                       changes={"starts_at": starts_at, "ends_at": ends_at, "lecturer": lecturer,
                                "lecturer_user": lecturer_user})
        notices.decided(request, actor)
    return request


def hold(actor, request, note=""):
    require(actor, "lectures.handle", request)
    if request.starts_at and request.starts_at > timezone.now():
        raise ValidationError(_("実施日時の前には「実施した」にできません。"))
    return workflow.apply(actor, request, "hold", note=note)


def report(actor, request, *, actual_audience, questions="", remarks=""):
    require(actor, "lectures.handle", request)
    if actual_audience is None or actual_audience < 0:
        raise ValidationError({"actual_audience": _("参加者数を0以上の数で入力してください。")})
    return workflow.apply(actor, request, "report", changes={
        "actual_audience": actual_audience, "report_questions": questions.strip(),
        "report_remarks": remarks.strip()})


def decline(actor, request, reason):
    require(actor, "lectures.decline", request)
    reason = (reason or "").strip()
    with transaction.atomic():
        workflow.apply(actor, request, "decline", note=reason, changes={"decline_reason": reason})
        notices.declined(request, actor, reason, request.last_transition.from_status)
    return request


def find_own_request(organisation, receipt, email):
    """The applicant's request by receipt number and e-mail, or None (never says which was
    wrong, so a guess learns nothing)."""
    import re

    match = re.fullmatch(r"\s*([A-Za-z])(\d{1,2})-(\d{1,5})\s*", receipt or "")
    if not match:
        return None
    from kyodo.core.japanese import ERAS

    letter, era_year, sequence = match.group(1).upper(), int(match.group(2)), int(match.group(3))
    era = next((e for e in ERAS if e.letter == letter), None)
    if era is None:
        return None
    year = era.start.year + era_year - 1
    request = Request.objects.filter(organisation=organisation, fiscal_year=year, sequence=sequence).select_related("theme").first()
    if request is None or request.email.lower() != (email or "").strip().lower():
        return None
    return request


def withdraw(request, note="", *, reason="", confirmed=False):
    """取下げ by the applicant (identified by receipt number and e-mail). A lecture whose date is
    already decided — a lecturer booked, a slot held — is withdrawn only when the applicant
    confirms it and says why. Whoever holds the request is told."""
    decided = request.status == Request.Status.DECIDED
    reason = (reason or "").strip()
    if decided:
        errors = {}
        if not confirmed:
            errors["confirmed"] = _("実施日が決まっている講座です。取り下げてよいか確認してチェックしてください。")
        if not reason:
            errors["reason"] = _("実施日が決まっている講座の取下げには、理由を書いてください。")
        if errors:
            raise ValidationError(errors)
    note = "\n".join(filter(None, [str(note), reason and _("理由: %(reason)s") % {"reason": reason}]))
    with transaction.atomic():
        workflow.apply(None, request, "withdraw", note=note, by_applicant=True)
        notices.withdrawn(request, reason, request.last_transition.from_status)
    return request


def save_theme(actor, theme):
    """Save a theme of the menu. Checked as it is (the stored theme's department) and as it will
    be (the department it is given to), so nobody moves a theme into or out of a department
    that is not theirs, nor to another organisation's department."""
    if theme.pk is not None:
        stored = Theme.objects.filter(pk=theme.pk).first()
        if stored is not None:
            if stored.organisation_id != theme.organisation_id:
                raise PermissionDenied(REFUSALS["lectures.edit_theme"])
            require(actor, "lectures.edit_theme", stored)
    if theme.department_id is not None:
        if not Department.objects.filter(pk=theme.department_id, organisation_id=theme.organisation_id).exists():
            raise ValidationError({"department": _("この団体の部署を選んでください。")})
        if theme.department_id not in {d.pk for d in lecture_rules.theme_departments(actor, theme.organisation)}:
            raise PermissionDenied(REFUSALS["lectures.move_theme"])
    require(actor, "lectures.edit_theme", theme if theme.department_id else theme.organisation)
    with acting_as(actor), transaction.atomic():
        theme.full_clean()
        theme.save()
    return theme


def save_rules(actor, rules):
    require(actor, "lectures.edit_rules", rules.organisation)
    with acting_as(actor), transaction.atomic():
        rules.full_clean()
        rules.save()
    return rules


def issue_calendar_feed(actor, organisation):
    """Issue the actor's secret calendar address for ``organisation``, revoking any earlier one;
    returns the token (kept only as a hash, so it is shown this once)."""
    require(actor, "lectures.use_staff_screens", organisation)
    token = secrets.token_urlsafe(32)
    with acting_as(actor), transaction.atomic():
        CalendarFeed.objects.update_or_create(
            user=actor, organisation=organisation,
            defaults={"token_hash": CalendarFeed.hash(token), "issued_at": timezone.now()})
    return token
