"""The writes of 市民会議. Each checks its rule, validates with a Japanese message, and writes
in one transaction with the audit actor set."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core import actions as core_actions
from kyodo.core import corrections
from kyodo.core.actions import acting_as
from kyodo.core.inputs import TextField
from kyodo.core.tasks import send_mail_on_commit

from . import notices
from .models import (
    MATERIAL_MAX_BYTES, MATERIAL_TYPES, Application, Council, Criterion, EvaluationRound,
    ItemVerdict, Material, Meeting, Member, MemberProgress, Rating, Recommendation, Reservation,
)

REFUSALS = {
    "councils.manage_council": _("この操作は会議の事務局が行います。"),
    "councils.view_applications": _("応募者の情報は事務局だけが扱います。"),
    "councils.record_response": _("市の考え方と反映状況は事務局が記録します。"),
    "councils.run_evaluation": _("評価の開始・締切・公表は事務局が行います。"),
    "councils.rate": _("この評価に評点をつけられるのは、受付中の評価の委員だけです。"),
    "councils.enter_sheet": _("評価票の代理入力は会議の事務局が行います。"),
    "other_council": _("記録を別の会議に移すことはできません。"),
}


def require(actor, permission, obj):
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(REFUSALS[permission])


# --- Recruitment (公募) -------------------------------------------------------------------------

def apply_to_call(call, *, name, name_kana, email, phone, address, essay, birth_year=None):
    """A resident's application. Refused outside the call's period, above the essay's length,
    or when the same e-mail address has already applied to this call."""
    errors = {}
    if not call.is_open():
        raise ValidationError(_("この公募は受付期間外です(%(start)s〜%(end)s)。") % {
            "start": call.opens_on, "end": call.closes_on}, code="closed")
    essay = (essay or "").strip()
    if len(essay) > call.essay_max_chars:
        errors["essay"] = _("小論文は%(max)d字以内にしてください(いま%(n)d字)。") % {
            "max": call.essay_max_chars, "n": len(essay)}
    email = (email or "").strip().lower()
    if Application.objects.filter(call=call, email__iexact=email, erased_at__isnull=True).exists():
        errors["email"] = _("このメールアドレスからはすでにこの公募に応募があります。")
    if errors:
        raise ValidationError(errors)
    application = Application(call=call, name=name.strip(), name_kana=name_kana.strip(), email=email,
                              phone=phone.strip(), address=address.strip(), essay=essay,
                              birth_year=birth_year)
    try:
        with transaction.atomic():
            application.full_clean()
            application.save()
            send_mail_on_commit(
                [email], _("【%(council)s】委員公募へのご応募を受け付けました") % {"council": call.council.name},
                _("%(name)s 様\n\n「%(call)s」へのご応募を受け付けました。選考の結果は締切後にお知らせします。\n\n%(council)s 事務局")
                % {"name": application.name, "call": call.title, "council": call.council.name},
            )
    except IntegrityError:  # two submissions at once
        raise ValidationError({"email": _("このメールアドレスからはすでにこの公募に応募があります。")}) from None
    return application


def select_applicant(actor, application, *, term_start=None, term_end=None):
    """Select an applicant: they become a 公募 member of the council, for the council's term
    (the rest of it when the term is under way). Refused when the 公募 quota is full."""
    require(actor, "councils.view_applications", application)
    if application.status != Application.Status.RECEIVED:
        raise ValidationError(_("この応募はすでに選考済みです。"))
    council = application.call.council
    today = timezone.localdate()
    under_way = council.term_start < today < council.term_end
    member = Member(
        council=council, name=application.name, category=Member.Category.PUBLIC,
        term_start=term_start or (today if under_way else council.term_start),
        term_end=term_end or council.term_end, email=application.email,
        phone=application.phone, sort_order=100,
    )
    with acting_as(actor), transaction.atomic():
        member.full_clean()
        member.save()
        application.status = Application.Status.SELECTED
        application.member = member
        application.save(update_fields=["status", "member"])
        notices.selection_result(application)
    return member


def decline_applicant(actor, application):
    require(actor, "councils.view_applications", application)
    if application.status != Application.Status.RECEIVED:
        raise ValidationError(_("この応募はすでに選考済みです。"))
    with acting_as(actor), transaction.atomic():
        application.status = Application.Status.NOT_SELECTED
        application.save(update_fields=["status"])
        notices.selection_result(application)
    return application


def erase_applications(actor, call):
    """Erase applicants' personal data once the selection is over, through the shared retention
    mechanism (``kyodo/core/retention.py``: the same items, one audit entry per applicant).
    Selected applicants keep their member record (public name and private contact); the
    application keeps only its status. Returns how many applications were erased."""
    from kyodo.core import retention

    from .retention import APPLICATIONS

    require(actor, "councils.view_applications", call)
    if call.is_open():
        raise ValidationError(_("受付期間中は応募者の情報を消去できません。"))
    pending = call.applications.filter(status=Application.Status.RECEIVED, erased_at__isnull=True)
    if pending.exists():
        raise ValidationError(_("選考が終わっていない応募があります。すべての応募を選考してから消去してください。"))
    with acting_as(actor), transaction.atomic():
        targets = list(call.applications.filter(erased_at__isnull=True).select_related("call__council"))
        return retention.anonymise(APPLICATIONS, targets, actor=actor,
                                   reason=_("選考が終わったため、事務局が消去しました。"))


# --- Meetings ----------------------------------------------------------------------------------

def save_meeting(actor, meeting, attendees=None):
    """Save a meeting's record. Approved minutes are not edited here: they change only through
    ``correct_minutes``, with a reason, and go back to approval. Minutes written for the first
    time are announced to the secretariat, who approve them."""
    require(actor, "councils.manage_council", meeting.council)
    stored = Meeting.objects.filter(pk=meeting.pk).first() if meeting.pk else None
    if stored is not None and stored.council_id != meeting.council_id:
        raise PermissionDenied(REFUSALS["other_council"])
    if stored is not None and stored.minutes_approved_on and (
            (stored.minutes, stored.minutes_kind) != (meeting.minutes, meeting.minutes_kind)):
        raise ValidationError({"minutes": _("承認済みの会議録は、理由を添えて「会議録の訂正」から直してください。"
                                            "訂正すると、もう一度承認するまで公開ページに「訂正中」と表示されます。")})
    if attendees is not None and any(m.council_id != meeting.council_id for m in attendees):
        raise ValidationError({"attendees": _("出席委員はこの会議の委員から選んでください。")})
    newly_written = meeting.minutes.strip() and not (stored.minutes.strip() if stored else "")
    with acting_as(actor), transaction.atomic():
        meeting.full_clean()
        meeting.save()
        if attendees is not None:
            meeting.attendees.set(attendees)
        if newly_written and not meeting.minutes_approved_on:
            notices.minutes_awaiting_approval(meeting, actor)
    return meeting


def check_material(upload):
    """Refuse files of other types, files whose content is not what their name says, and
    files over 10 MB."""
    extension = Path(upload.name).suffix.lower().lstrip(".")
    if extension not in MATERIAL_TYPES:
        raise ValidationError({"file": _("PDF、Word、Excel、PowerPoint、PNG、JPEGのファイルを選んでください。")})
    if upload.size > MATERIAL_MAX_BYTES:
        raise ValidationError({"file": _("ファイルが大きすぎます(10MBまで)。")})
    _content_type, signature = MATERIAL_TYPES[extension]
    head = upload.read(len(signature))
    upload.seek(0)
    if head != signature:
        raise ValidationError({"file": _("ファイルの中身が拡張子(.%(ext)s)と一致しません。") % {"ext": extension}})
    return extension


def add_material(actor, meeting, title, upload):
    require(actor, "councils.manage_council", meeting.council)
    kind = check_material(upload)
    with acting_as(actor), transaction.atomic():
        material = Material(meeting=meeting, title=title.strip(), size=upload.size, kind=kind)
        material.file.save(Path(upload.name).name, upload, save=False)
        material.full_clean()
        material.save()
    return material


def reserve_seat(meeting, *, name, email, seats=1):
    """傍聴の予約, first come first served up to the meeting's seats."""
    if not meeting.is_open:
        raise ValidationError(_("この会議は非公開のため傍聴できません。"))
    if meeting.starts_at <= timezone.now():
        raise ValidationError(_("開催日時を過ぎた会議は予約できません。"))
    if not 1 <= seats <= 4:
        raise ValidationError({"seats": _("人数は1人から4人までです。")})
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        taken = sum(r.seats for r in locked.reservations.all())
        if taken + seats > locked.observer_seats:
            left = max(0, locked.observer_seats - taken)
            raise ValidationError({"seats": _("傍聴席が足りません(残り%(left)d席)。") % {"left": left}})
        if locked.reservations.filter(email__iexact=email).exists():
            raise ValidationError({"email": _("このメールアドレスではすでに予約があります。")})
        reservation = Reservation.objects.create(meeting=locked, name=name.strip(),
                                                 email=email.strip().lower(), seats=seats)
        send_mail_on_commit([reservation.email], _("傍聴の予約を受け付けました"), _(
            "%(name)s 様\n\n%(meeting)s(%(venue)s)の傍聴を%(seats)d人で予約しました。\n当日は受付でお名前をお伝えください。")
            % {"name": reservation.name, "meeting": str(locked), "venue": locked.venue, "seats": seats})
    return reservation


def approve_minutes(actor, meeting, approved_on=None):
    """承認: the minutes as they stand become the public text (also after a correction)."""
    require(actor, "councils.manage_council", meeting.council)
    if not meeting.minutes.strip():
        raise ValidationError({"minutes": _("会議録が空のままでは承認できません。")})
    with acting_as(actor), transaction.atomic():
        meeting.minutes_approved_on = approved_on or timezone.localdate()
        meeting.approved_minutes = meeting.minutes
        meeting.save(update_fields=["minutes_approved_on", "approved_minutes"])
    return meeting


def correct_minutes(actor, meeting, *, minutes, reason, personal_data=False):
    """訂正 of approved minutes, by the secretariat that approved them, with a reason.

    The trail (``core.corrections``) keeps the approved text, when and why; the approval is
    cleared, so the minutes go back to approval: until then the public page shows 「訂正中」
    with the text approved before, and afterwards the corrected text with the notice.

    ``personal_data``: the approved text carried personal data, so it stops being shown at
    once — neither while 訂正中 nor in the notice afterwards (公開停止) — and is kept only in the
    audit log."""
    require(actor, "councils.manage_council", meeting.council)
    stored = Meeting.objects.select_related("council__organisation", "council__secretariat").get(pk=meeting.pk)
    if not stored.minutes_approved_on:
        raise ValidationError(_("訂正は承認済みの会議録について行います。承認前の会議録はそのまま編集してください。"))
    minutes = (minutes or "").strip()
    if not minutes:
        raise ValidationError({"minutes": _("会議録を空にする訂正はできません。")})
    # Minutes approved before the approved text was kept (loaded or imported) keep it now.
    stored.approved_minutes = stored.approved_minutes or stored.minutes
    with acting_as(actor), transaction.atomic():
        if personal_data:
            record = corrections.withdraw(actor, stored, reason=reason, removed=True, changes={
                "minutes": minutes, "approved_minutes": "", "minutes_approved_on": None})
        else:
            record = corrections.correct(actor, stored, reason=reason, changes={"minutes": minutes})
        stored.minutes_approved_on = None
        stored.save(update_fields=["minutes_approved_on"])
        notices.minutes_awaiting_approval(stored, actor, corrected=True)
    meeting.minutes, meeting.minutes_approved_on = stored.minutes, None
    meeting.approved_minutes = stored.approved_minutes
    return record


def withdraw_material(actor, material, *, reason, removed=False):
    """取下げ of a meeting's material, by the secretariat, with a reason shown on the meeting
    page. A plain withdrawal keeps the file readable as the withdrawn version; a withdrawal for
    a personal-data incident (``removed``) stops serving it at once — the download answers 410
    — and the file is kept only for the audit. A withdrawn material may later be removed."""
    require(actor, "councils.manage_council", material.meeting.council)
    if material.withdrawn_at and (not removed or corrections.is_removed(material)):
        raise ValidationError(_("この資料はすでに取り下げています。"))
    with acting_as(actor), transaction.atomic():
        return corrections.withdraw(actor, material, reason=reason, removed=removed,
                                    changes={"withdrawn_at": material.withdrawn_at or timezone.now()})


# --- Recommendations ------------------------------------------------------------------------------

def record_response(actor, recommendation, *, status, response, reason="", correction_reason=""):
    """市の考え方 and 反映状況; 反映せず needs its reason.

    The response is public as soon as it is recorded, so changing a response already given is
    a correction (訂正): it needs ``correction_reason``, and the tracking table and the item
    page show the notice with the earlier text. The status moves on as the work does."""
    require(actor, "councils.record_response", recommendation)
    if status not in Recommendation.Status.values:
        raise ValidationError({"status": _("反映状況を選んでください。")})
    reason = (reason or "").strip()
    if status == Recommendation.Status.NOT_REFLECTED and not reason:
        raise ValidationError({"reason": _("「反映せず」とするときは、その理由を書いてください。")})
    response = (response or "").strip()
    given = Recommendation.objects.filter(pk=recommendation.pk).values_list("response", flat=True).get()
    correcting = bool(given.strip()) and response != given
    if correcting and not (correction_reason or "").strip():
        raise ValidationError({"correction_reason": _(
            "公表している市の考え方を変えるときは、訂正の理由を書いてください。公開ページに表示されます。")})
    with acting_as(actor), transaction.atomic():
        if status != recommendation.status:
            recommendation.status_changed_at = timezone.now()
        recommendation.status = status
        recommendation.reason = reason
        if correcting:
            recommendation.response = given
            corrections.correct(actor, recommendation, reason=correction_reason,
                                changes={"response": response})
        else:
            recommendation.response = response
            recommendation.full_clean()
            recommendation.save()
    return recommendation


def withdraw_response(actor, recommendation, *, reason):
    """取下げ of the 市の考え方 given to a recommendation (given in error, or to be reconsidered):
    the recommendation goes back to 検討中 without a response, and the tracking table and the
    item page show when and why with the withdrawn response still readable."""
    require(actor, "councils.record_response", recommendation)
    stored = Recommendation.objects.select_related("report__council__organisation").get(pk=recommendation.pk)
    if not stored.response.strip():
        raise ValidationError(_("取り下げる市の考え方がありません。"))
    before = {str(Recommendation._meta.get_field("response").verbose_name): stored.response,
              str(Recommendation._meta.get_field("status").verbose_name): str(stored.get_status_display())}
    if stored.reason:
        before[str(Recommendation._meta.get_field("reason").verbose_name)] = stored.reason
    with acting_as(actor), transaction.atomic():
        record = corrections.withdraw(actor, stored, reason=reason, changes={
            "response": "", "reason": "", "status": Recommendation.Status.CONSIDERING,
            "status_changed_at": timezone.now()})
        record.before = before  # the withdrawn response stays readable in the notice
        record.save(update_fields=["before"])
    return record


# --- Evaluation of implementation -----------------------------------------------------------------

def open_round(actor, council, *, title, fiscal_year, items, criteria, scale_max=5,
               scale_labels=None, deadline=None):
    require(actor, "councils.run_evaluation", council)
    items = list(items)
    criteria = [c.strip() for c in criteria if c and c.strip()]
    errors = {}
    if not items:
        errors["items"] = _("評価する取組項目を1つ以上選んでください。")
    if not criteria:
        errors["criteria"] = _("評価の観点を1つ以上入力してください。")
    if not 2 <= scale_max <= 10:
        errors["scale_max"] = _("評価の段階は2から10までです。")
    if any(i.plan.organisation_id != council.organisation_id for i in items) or (
            council.plan_id and any(i.plan_id != council.plan_id for i in items)):
        errors["items"] = _("この会議が評価する計画の取組項目から選んでください。")
    if errors:
        raise ValidationError(errors)
    with acting_as(actor), transaction.atomic():
        round_ = EvaluationRound.objects.create(
            council=council, title=title.strip(), fiscal_year=fiscal_year, scale_max=scale_max,
            scale_labels=[str(label) for label in (scale_labels or [])], deadline=deadline)
        round_.items.set(items)
        Criterion.objects.bulk_create(Criterion(round=round_, number=n, text=text)
                                      for n, text in enumerate(criteria, start=1))
        notices.round_opened(round_, timezone.localdate())
    return round_


def membership_for(actor, round_):
    """The actor's member record in the round's council, or refuse."""
    require(actor, "councils.rate", round_)
    from .rules import serving_memberships

    for member in serving_memberships(actor):
        if member.council_id == round_.council_id:
            return member
    raise PermissionDenied(REFUSALS["councils.rate"])


def save_ratings(actor, round_, entries, *, submit=False):
    """Save the actor's ratings: ``{(item_id, criterion_id): (score or None, comment)}``.

    A member writes only their own ratings. Scores outside the scale and items or criteria
    outside the round are refused, all together and before anything is written. With
    ``submit`` every item must be rated on every criterion; the member's ratings then count.
    """
    member = membership_for(actor, round_)
    return _write_sheet(round_, member, entries, submit=submit)


def enter_sheet(actor, round_, member, entries, *, channel, submit=False):
    """代理入力: the secretariat enters a member's sheet received on paper, by fax, by hand or by
    mail — for members without an account too. The same checks as the member's own entry; the
    progress records the channel and who entered it (shown on the staff round page and to the
    member on their sheet), and the audit log has the entry."""
    require(actor, "councils.enter_sheet", round_)
    if round_.status != EvaluationRound.Status.OPEN:
        raise ValidationError(_("受付中の評価だけに評価票を入力できます。"))
    if member.council_id != round_.council_id:
        raise PermissionDenied(REFUSALS["other_council"])
    if channel not in MemberProgress.Channel.values or channel == MemberProgress.Channel.WEB:
        raise ValidationError({"channel": _("評価票を受け取った方法を選んでください。")})
    with acting_as(actor):
        return _write_sheet(round_, member, entries, submit=submit, channel=channel, entered_by=actor)


def _write_sheet(round_, member, entries, *, submit, channel=MemberProgress.Channel.WEB, entered_by=None):
    item_ids = set(round_.items.values_list("id", flat=True))
    criterion_ids = set(round_.criteria.values_list("id", flat=True))
    problems = []
    clean = {}
    comment_field = TextField(required=False)
    for (item_id, criterion_id), (score, comment) in entries.items():
        if item_id not in item_ids or criterion_id not in criterion_ids:
            problems.append(_("この評価の対象ではない取組項目または観点です。"))
            continue
        try:
            comment = comment_field.clean(comment or "")
        except ValidationError as error:
            problems.extend(_("意見: %(message)s") % {"message": m} for m in error.messages)
            continue
        if score in ("", None):
            score = None
        else:
            try:
                score = int(score)
            except (TypeError, ValueError):
                score = -1
            if not 1 <= score <= round_.scale_max:
                problems.append(_("評点は1から%(max)dまでで選んでください。") % {"max": round_.scale_max})
                continue
        clean[(item_id, criterion_id)] = (score, (comment or "").strip())
    if problems:
        raise ValidationError(sorted(set(map(str, problems))))
    with transaction.atomic():
        existing = {(r.item_id, r.criterion_id): r for r in
                    Rating.objects.select_for_update().filter(round=round_, member=member)}
        for key, (score, comment) in clean.items():
            rating = existing.get(key)
            if rating is None:
                existing[key] = Rating.objects.create(round=round_, member=member, item_id=key[0],
                                                      criterion_id=key[1], score=score, comment=comment)
            elif (rating.score, rating.comment) != (score, comment):
                rating.score, rating.comment = score, comment
                rating.save(update_fields=["score", "comment", "updated_at"])
        progress, _created = MemberProgress.objects.get_or_create(round=round_, member=member)
        progress.saved_at = timezone.now()
        progress.channel, progress.entered_by = channel, entered_by
        if submit:
            missing = [k for k in ((i, c) for i in item_ids for c in criterion_ids)
                       if existing.get(k) is None or existing[k].score is None]
            if missing:
                raise ValidationError(_("評点のついていない観点が%(n)d件あります。すべてに評点をつけてから提出してください。")
                                      % {"n": len(missing)})
            progress.submitted_at = timezone.now()
        progress.save()
    return progress


def close_round(actor, round_):
    require(actor, "councils.run_evaluation", round_)
    if round_.status != EvaluationRound.Status.OPEN:
        raise ValidationError(_("受付中の評価だけを締め切れます。"))
    with acting_as(actor), transaction.atomic():
        round_.status = EvaluationRound.Status.CLOSED
        round_.closed_at = timezone.now()
        round_.save(update_fields=["status", "closed_at"])
    return round_


def save_verdict(actor, round_, item, *, evaluation, response, correction_reason=""):
    """総合評価 and 市の回答 of one item. Once the round is published they are public, so a change
    is a correction (訂正) with ``correction_reason``; the public pages show its notice."""
    require(actor, "councils.run_evaluation", round_)
    if round_.status == EvaluationRound.Status.OPEN:
        raise ValidationError(_("総合評価は評価を締め切ってから記録します。"))
    if not round_.items.filter(pk=item.pk).exists():
        raise ValidationError(_("この評価の対象ではない取組項目です。"))
    values = {"evaluation": evaluation.strip(), "response": response.strip()}
    with acting_as(actor), transaction.atomic():
        if round_.status != EvaluationRound.Status.PUBLISHED:
            verdict, _created = ItemVerdict.objects.update_or_create(round=round_, item=item, defaults=values)
            return verdict
        verdict, _created = ItemVerdict.objects.get_or_create(round=round_, item=item)
        corrections.correct(actor, verdict, reason=correction_reason, changes=values)
    return verdict


def publish_round(actor, round_):
    """Publish a closed round. Each item's number and title are kept on its verdict as they
    are now, so the published evaluation still reads so after a later 見直し renames it."""
    require(actor, "councils.run_evaluation", round_)
    if round_.status != EvaluationRound.Status.CLOSED:
        raise ValidationError(_("締め切って集計した評価だけを公表できます。"))
    with acting_as(actor), transaction.atomic():
        round_.status = EvaluationRound.Status.PUBLISHED
        round_.published_at = timezone.now()
        round_.save(update_fields=["status", "published_at"])
        for item in round_.items.all():
            verdict, _created = ItemVerdict.objects.get_or_create(round=round_, item=item)
            verdict.item_code, verdict.item_title = item.code, item.title
            verdict.save(update_fields=["item_code", "item_title"])
    return round_


def withdraw_round(actor, round_, *, reason):
    """取下げ of a published evaluation by the secretariat that published it: the public page
    stays readable and says when and why; the round no longer stands as the council's evaluation
    (the council page, the item pages and the API mark it withdrawn)."""
    require(actor, "councils.run_evaluation", round_)
    if round_.status != EvaluationRound.Status.PUBLISHED or round_.withdrawn_at is not None:
        raise ValidationError(_("公表中の評価だけを取り下げできます。"))
    return corrections.withdraw(actor, round_, reason=reason,
                                changes={"withdrawn_at": timezone.now()})


def save_record(actor, obj, council, m2m=None):
    """Create or edit any of a council's records from the secretariat's screens (the council
    itself, members, budget lines, calls, meetings, activities, reports, recommendations).

    Checked as the record is and as it will be: the actor runs the council both before and
    after the change (so a secretariat cannot hand its council to another department), a
    record stays in its council, and what it points at (plan, theme, items) belongs to the
    council's organisation and plan."""
    from .rules import council_of

    if council.pk:
        require(actor, "councils.manage_council", Council.objects.get(pk=council.pk))
    else:
        require(actor, "councils.manage_council", council.organisation)
    require(actor, "councils.manage_council", council)
    if obj is not council:
        stored = type(obj).objects.filter(pk=obj.pk).first() if obj.pk else None
        parents = [council_of(obj)] + ([council_of(stored)] if stored else [])
        if any(parent is None or parent.pk != council.pk for parent in parents):
            raise PermissionDenied(REFUSALS["other_council"])
    check_references(obj, council, m2m or {})
    linked = isinstance(obj, Member) and _newly_linked(obj)
    if linked:
        # The account gets the members' screens only once its holder accepts the invitation.
        obj.user_accepted_at = None
    with acting_as(actor), transaction.atomic():
        obj.full_clean()
        obj.save()
        for name, values in (m2m or {}).items():
            getattr(obj, name).set(values)
        if linked:
            core_actions.invite(actor, obj.user, organisation=council.organisation)
    return obj


def _newly_linked(member):
    """Is ``member`` being linked to an account it was not linked to before?"""
    if member.user_id is None:
        return False
    before = Member.objects.filter(pk=member.pk).values_list("user_id", flat=True).first()
    return member.pk is None or before != member.user_id


def check_references(obj, council, m2m):
    """A recommendation's theme and items come from the council's organisation (and from the
    plan the council works on, when it has one)."""
    errors = {}

    def foreign(plan):
        return plan.organisation_id != council.organisation_id or (
            council.plan_id and plan.pk != council.plan_id)

    if isinstance(obj, Recommendation):
        if obj.theme_id and foreign(obj.theme.plan):
            errors["theme"] = _("重点項目はこの会議が扱う計画から選んでください。")
        if any(foreign(item.plan) for item in m2m.get("items", ())):
            errors["items"] = _("取組項目はこの会議が扱う計画から選んでください。")
    if errors:
        raise ValidationError(errors)
