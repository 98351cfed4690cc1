"""The writes of events: publishing an event and its sessions, registering (with or without an
account) under a row lock on the session so the last seat is never sold twice, the waitlist
and its automatic promotion, cancellation, check-in on the day, the questionnaire and the
report. Each write runs in a transaction; mails to registrants leave only if it commits."""

import re
import secrets

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from kyodo.core import corrections, pagecache
from kyodo.core.actions import acting_as
from kyodo.core.japanese import ERAS, fiscal_year
from kyodo.core.models import DEPARTMENT_ROLES
from kyodo.core.notify import absolute_url
from kyodo.core.rules import role_assignments
from kyodo.core.tasks import send_mail_on_commit

from . import notices
from .models import (
    Audience, Event, EventFile, EventReport, Feedback, ReceiptCounter, Registration, ReportPhoto, Session,
)
from .rules import organiser_departments

REFUSALS = {
    "events.create_event": _("イベントの登録は団体の職員が行います。"),
    "events.edit_event": _("このイベントを主催する課の職員か主管課だけが行えます。"),
    "events.view_registrations": _("申込者の情報は、このイベントを主催する課の職員と主管課だけが扱えます。"),
    "events.register_as_staff": _("この研修には団体の職員だけが申し込めます。"),
    "events.view_training_report": _("研修の受講状況は主管課と団体管理者が見られます。"),
}


def require(actor, permission, obj):
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(REFUSALS[permission])


def new_token():
    return secrets.token_urlsafe(24)


def _changed():
    # Public pages and the read API are cached for anonymous visitors (core.pagecache); a
    # registration by a visitor without a session must still show at once.
    pagecache.invalidate_now_and_on_commit()


# --- Events and sessions ---------------------------------------------------------------------------

def save_event(actor, event, partners=None):
    """Create or change an event; checked as it is and as it will be (its department)."""
    if event.pk is not None:
        stored = Event.objects.filter(pk=event.pk).first()
        if stored is not None:
            if stored.organisation_id != event.organisation_id:
                raise PermissionDenied(REFUSALS["events.edit_event"])
            require(actor, "events.edit_event", stored)
    else:
        require(actor, "events.create_event", event.organisation)
    if event.department_id is None or event.department_id not in {
            d.pk for d in organiser_departments(actor, event.organisation)}:
        raise ValidationError({"department": _("主催課はあなたが担当する課から選んでください。")})
    if partners is not None and any(p.organisation_id != event.organisation_id for p in partners):
        raise ValidationError({"partners": _("この団体の協働団体から選んでください。")})
    with acting_as(actor), transaction.atomic():
        event.full_clean()
        event.save()
        if partners is not None:
            event.partners.set(partners)
        _changed()
    return event


def publish_event(actor, event):
    require(actor, "events.edit_event", event)
    if not event.sessions.exists():
        raise ValidationError(_("日時(回)を1つ以上登録してから公開してください。"))
    with acting_as(actor), transaction.atomic():
        event.status = Event.Status.PUBLISHED
        event.published_at = event.published_at or timezone.now()
        event.save(update_fields=["status", "published_at", "updated_at"])
        _changed()
    return event


def cancel_event(actor, event, reason):
    """中止: every registrant who has not cancelled is told by e-mail."""
    require(actor, "events.edit_event", event)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("中止の理由を書いてください(申込者にお知らせします)。")})
    with acting_as(actor), transaction.atomic():
        event.status = Event.Status.CANCELLED
        event.save(update_fields=["status", "updated_at"])
        for registration in event.registrations.exclude(status=Registration.Status.CANCELLED).select_related(
                "session", "event", "organisation"):
            notices.event_cancelled(registration, reason)
        _changed()
    return event


def save_session(actor, session):
    """Add or change a session. Its capacity may not drop below the seats already taken
    (checked under the session's lock); a larger capacity promotes the waitlist at once."""
    require(actor, "events.edit_event", session.event)
    with acting_as(actor), transaction.atomic():
        if session.pk is not None:
            locked = Session.objects.select_for_update().get(pk=session.pk)
            if locked.event_id != session.event_id:
                raise PermissionDenied(REFUSALS["events.edit_event"])
            session.seats_taken = locked.seats_taken
        session.full_clean()
        session.save()
        refresh_dates(session.event)
        promoted = _promote(session)
        _changed()
    return session, promoted


def delete_session(actor, session):
    require(actor, "events.edit_event", session.event)
    if session.registrations.exclude(status=Registration.Status.CANCELLED).exists():
        raise ValidationError(_("申込のある回は削除できません。イベントを中止するか、申込者に連絡してください。"))
    with acting_as(actor), transaction.atomic():
        session.delete()
        refresh_dates(session.event)
        _changed()


def refresh_dates(event):
    from django.db.models import Max, Min

    dates = event.sessions.aggregate(first=Min("starts_at"), last=Max("ends_at"))
    Event.objects.filter(pk=event.pk).update(starts_at=dates["first"], ends_at=dates["last"])
    event.starts_at, event.ends_at = dates["first"], dates["last"]


# --- Registration ------------------------------------------------------------------------------------

def _next_sequence(organisation, year):
    """Take the next receipt number under a row lock (never reused, never skipped)."""
    counter, _created = ReceiptCounter.objects.get_or_create(organisation=organisation, fiscal_year=year)
    counter = ReceiptCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def check_registration(event, session, data, *, user=None, now=None):
    """The rules a registration must meet before the seats are counted; {field: [messages]}."""
    now = now or timezone.now()
    errors = {}

    def refuse(field, message):
        errors.setdefault(field, []).append(message)

    if event.status != Event.Status.PUBLISHED:
        refuse(None, _("このイベントはいま申込を受け付けていません。"))
    if session.event_id != event.pk:
        refuse("session", _("このイベントの日時から選んでください。"))
    state = event.registration_state(now)
    if state == "not_yet":
        refuse(None, _("申込の受付はまだ始まっていません。受付開始日時をご確認ください。"))
    elif state == "closed":
        refuse(None, _("申込の受付は締め切りました。"))
    elif state == "none" and event.status == Event.Status.PUBLISHED:
        refuse(None, _("このイベントは申込不要です。当日会場へお越しください。"))
    if session.starts_at <= now:
        refuse("session", _("この回はすでに始まっています。ほかの日時を選んでください。"))
    seats = data.get("seats") or 1
    if seats > event.max_seats_per_registration:
        refuse("seats", _("1件の申込で申し込めるのは%(n)d人までです。") % {"n": event.max_seats_per_registration})
    if seats > session.capacity:
        refuse("seats", _("この回の定員は%(n)d人です。") % {"n": session.capacity})
    if event.audience == Audience.STAFF and (user is None or not user.has_perm("events.register_as_staff", event)):
        refuse(None, REFUSALS["events.register_as_staff"])
    if not data.get("consent"):
        refuse("consent", _("個人情報の取扱いに同意してチェックしてください。"))
    return errors


def register(event, session, data, *, user=None, form_token=None, now=None):
    """A registration for ``session``: confirmed while seats are left; when the session is full,
    put on the waitlist if the person asked for it (``data["waitlist"]``), otherwise refused
    with the waitlist offered. The seats are counted under a row lock on the session, so two
    people never take the last seat. Submitting the same form twice returns the first one.
    Returns (registration, created)."""
    if form_token:
        existing = Registration.objects.filter(form_token=form_token).first()
        if existing is not None:
            return existing, False
    errors = check_registration(event, session, data, user=user, now=now)
    if errors:
        raise ValidationError(errors)
    wants_waitlist = bool(data.get("waitlist"))
    fields = {k: data.get(k, "") or "" for k in ("name", "name_kana", "phone", "group_name", "age_band",
                                                 "area", "needs")}
    email = (data.get("email") or "").strip()
    seats = data.get("seats") or 1
    department = None
    if user is not None and event.audience == Audience.STAFF:
        department = next((a.department for a in role_assignments(user)
                           if a.organisation_id == event.organisation_id and a.role in DEPARTMENT_ROLES
                           and a.department_id), None)
    try:
        with transaction.atomic():
            locked = Session.objects.select_for_update().get(pk=session.pk)
            duplicate = locked.registrations.exclude(status=Registration.Status.CANCELLED)
            if user is not None:
                duplicate = duplicate.filter(user=user) | duplicate.filter(email__iexact=email)
            else:
                duplicate = duplicate.filter(email__iexact=email)
            if duplicate.exists():
                raise ValidationError({"email": _(
                    "このメールアドレスでこの回にすでに申し込まれています。申込の確認・取消は「申込状況の確認」から行えます。")})
            if locked.seats_left >= seats and not locked.registrations.filter(
                    status=Registration.Status.WAITLISTED).exists():
                status = Registration.Status.CONFIRMED
            elif wants_waitlist:
                status = Registration.Status.WAITLISTED
            else:
                message = _("この回は満席です(残り%(n)d席)。キャンセル待ちに登録できます。") % {"n": locked.seats_left}
                raise ValidationError({"waitlist": message})
            year = fiscal_year(timezone.localdate())
            registration = Registration(
                organisation_id=event.organisation_id, event=event, session=locked, user=user,
                department=department, fiscal_year=year, sequence=_next_sequence(event.organisation, year),
                status=status, seats=seats, email=email, consent=True, form_token=form_token, **fields)
            registration.full_clean(exclude=["form_token", "feedback_token"])
            registration.save()
            if status == Registration.Status.CONFIRMED:
                Session.objects.filter(pk=locked.pk).update(seats_taken=F("seats_taken") + seats)
            notices.registered(registration)
            _changed()
    except IntegrityError:
        if form_token:
            existing = Registration.objects.filter(form_token=form_token).first()
            if existing is not None:
                return existing, False
        raise
    return registration, True


def waitlist_position(registration):
    """1 for the next to be promoted; None when not on the waitlist."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    return Registration.objects.filter(
        session_id=registration.session_id, status=Registration.Status.WAITLISTED,
        created_at__lte=registration.created_at).exclude(
        created_at=registration.created_at, pk__gt=registration.pk).count()


def _promote(session):
    """Move people from the waitlist to the seats freed, first come first served (a group
    that does not fit keeps its place; nobody behind it jumps ahead). Call under the lock."""
    locked = Session.objects.select_for_update().get(pk=session.pk)
    promoted = []
    free = locked.capacity - locked.seats_taken
    for waiting in locked.registrations.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk"):
        if waiting.seats > free:
            break
        free -= waiting.seats
        waiting.status = Registration.Status.CONFIRMED
        waiting.promoted_at = timezone.now()
        waiting.save(update_fields=["status", "promoted_at"])
        promoted.append(waiting)
        notices.promoted(waiting)
    if promoted:
        Session.objects.filter(pk=locked.pk).update(
            seats_taken=F("seats_taken") + sum(p.seats for p in promoted))
    return promoted


def cancel(registration, *, by_staff=None):
    """取消 by the registrant (or by an organiser for them): the seats go back and the waitlist
    moves up; whoever is promoted is told by e-mail."""
    if by_staff is not None:
        require(by_staff, "events.view_registrations", registration.event)
    with acting_as(by_staff), transaction.atomic():
        Session.objects.select_for_update().get(pk=registration.session_id)
        current = Registration.objects.select_related("session", "event", "organisation").get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            return current, []
        if current.checked_in_at:
            raise ValidationError(_("受付済みの申込は取り消せません。"))
        was_confirmed = current.status == Registration.Status.CONFIRMED
        current.status = Registration.Status.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        promoted = []
        if was_confirmed:
            Session.objects.filter(pk=current.session_id).update(seats_taken=F("seats_taken") - current.seats)
            promoted = _promote(current.session)
        notices.cancelled(current)
        _changed()
    return current, promoted


RECEIPT = re.compile(r"\s*([A-Za-z])(\d{1,2})-[Ee](\d{1,6})\s*")


def parse_receipt(receipt):
    """(fiscal year, sequence) of 「R8-E0012」, or None."""
    from kyodo.core.inputs import fold

    match = RECEIPT.fullmatch(fold(receipt or ""))
    if not match:
        return None
    era = next((e for e in ERAS if e.letter == match.group(1).upper()), None)
    if era is None:
        return None
    return era.start.year + int(match.group(2)) - 1, int(match.group(3))


def find_own_registration(organisation, receipt, email):
    """The registrant's registration by receipt number and e-mail, or None (never says which
    was wrong)."""
    parsed = parse_receipt(receipt)
    if parsed is None:
        return None
    registration = Registration.objects.filter(
        organisation=organisation, fiscal_year=parsed[0], sequence=parsed[1],
    ).select_related("event", "session").first()
    if registration is None or registration.erased_at or \
            registration.email.lower() != (email or "").strip().lower():
        return None
    return registration


# --- On the day ----------------------------------------------------------------------------------------

def check_in(actor, registration, *, undo=False):
    require(actor, "events.view_registrations", registration.event)
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(_("参加予定の申込だけを受付できます(%(status)s)。")
                              % {"status": registration.get_status_display()})
    with acting_as(actor), transaction.atomic():
        registration.checked_in_at = None if undo else (registration.checked_in_at or timezone.now())
        registration.save(update_fields=["checked_in_at"])
    return registration


def check_in_by_receipt(actor, session, receipt):
    require(actor, "events.view_registrations", session.event)
    parsed = parse_receipt(receipt)
    registration = None
    if parsed is not None:
        registration = session.registrations.filter(fiscal_year=parsed[0], sequence=parsed[1]).first()
    if registration is None:
        raise ValidationError({"receipt": _("この回の申込に、その受付番号はありません。")})
    return check_in(actor, registration)


def record_walk_ins(actor, session, count):
    require(actor, "events.view_registrations", session.event)
    if count is None or count < 0:
        raise ValidationError({"walk_ins": _("当日参加の人数を0以上の数で入力してください。")})
    with acting_as(actor), transaction.atomic():
        session.walk_ins = count
        session.save(update_fields=["walk_ins"])
    return session


# --- Afterwards: questionnaire and report ----------------------------------------------------------------

def send_questionnaire(actor, event):
    """Mail the short questionnaire to every participant checked in who has not been sent it."""
    require(actor, "events.view_registrations", event)
    sent = 0
    with acting_as(actor), transaction.atomic():
        for registration in event.registrations.filter(
                checked_in_at__isnull=False, feedback_token__isnull=True, erased_at__isnull=True):
            registration.feedback_token = new_token()
            registration.save(update_fields=["feedback_token"])
            url = absolute_url(reverse("events:feedback", args=[event.organisation.slug, registration.feedback_token]))
            send_mail_on_commit(
                [registration.email], _g("【アンケートのお願い】%(title)s") % {"title": event.title},
                _g("%(name)s 様\n\n「%(title)s」にご参加いただき、ありがとうございました。\n"
                   "今後の参考にするため、短いアンケート(3問)にご協力ください。\n%(url)s\n\n%(org)s")
                % {"name": registration.name, "title": event.title, "url": url, "org": event.organisation.name})
            sent += 1
    return sent


def answer_feedback(registration, data):
    if Feedback.objects.filter(registration=registration).exists():
        raise ValidationError(_("このアンケートにはすでにお答えいただいています。ありがとうございました。"))
    with transaction.atomic():
        feedback = Feedback(registration=registration, event_id=registration.event_id, **data)
        feedback.full_clean()
        feedback.save()
    return feedback


def save_report(actor, event, *, participants, summary, captions=(), publish=False, reason=""):
    """開催報告: 参加者数, 概要 and the photos' captions; published on the event's page. Once
    published it is never silently overwritten: a change needs a reason and leaves a correction
    (core.corrections) that the public page shows with the earlier values."""
    require(actor, "events.edit_event", event)
    summary = (summary or "").strip()
    captions = list(captions)
    errors = {}
    if participants is None or participants < 0:
        errors["participants"] = _("参加者数を0以上の数で入力してください。")
    if not summary:
        errors["summary"] = _("概要を書いてください。")
    if publish and event.sessions.filter(starts_at__gt=timezone.now()).exists() and \
            not event.sessions.filter(starts_at__lte=timezone.now()).exists():
        errors["summary"] = [*errors.get("summary", []), _("開催前のイベントの報告は公開できません。")]
    if errors:
        raise ValidationError(errors)
    published = EventReport.objects.filter(event=event, published_at__isnull=False).first()
    if published is not None:
        return _correct_report(actor, published, participants, summary, captions, reason)
    with acting_as(actor), transaction.atomic():
        report, _created = EventReport.objects.get_or_create(
            event=event, defaults={"participants": participants, "summary": summary})
        report.participants, report.summary = participants, summary
        if publish and report.published_at is None:
            report.published_at = timezone.now()
        report.full_clean()
        report.save()
        _set_captions(report, captions)
        _changed()
    return report


def _set_captions(report, captions):
    photos = list(report.photos.all())
    for order, caption in enumerate(captions):
        if order < len(photos):
            photos[order].caption, photos[order].sort_order = caption, order
            photos[order].save(update_fields=["caption", "sort_order"])
        else:
            report.photos.create(caption=caption, sort_order=order)
    for surplus in photos[len(captions):]:
        if not surplus.image:
            surplus.delete()


def _correct_report(actor, report, participants, summary, captions, reason):
    """訂正 of a published report: the changed values with the reason, in one correction."""
    before_captions = [p.caption for p in report.photos.all()]
    changes = {field: value for field, value in (("participants", participants), ("summary", summary))
               if getattr(report, field) != value}
    if not changes and captions == before_captions:
        return report
    if not (reason or "").strip():
        raise ValidationError({"reason": _("公開済みの報告を変えるときは、訂正の理由を入力してください。公開ページに表示されます。")})
    label = str(ReportPhoto._meta.get_field("caption").verbose_name)
    with acting_as(actor), transaction.atomic():
        if changes:
            record = corrections.correct(actor, report, reason=reason, changes=changes)
        else:
            record = corrections.Correction(
                content_type=ContentType.objects.get_for_model(report), object_id=report.pk,
                organisation_id=report.event.organisation_id, kind=corrections.Correction.Kind.CORRECTED,
                reason=reason.strip()[:2000], actor=actor if actor.is_authenticated else None)
        if captions != before_captions:
            _set_captions(report, captions)
            record.before[label] = "\n".join(before_captions)
            record.after[label] = "\n".join(captions)
        record.save()
        _changed()
    return report


def add_photo(actor, event, image, caption):
    """A photo of the report with its caption (the text alternative read out to blind readers)."""
    require(actor, "events.edit_event", event)
    caption = (caption or "").strip()
    if not caption:
        raise ValidationError({"caption": _("写真の説明を書いてください。")})
    report = EventReport.objects.filter(event=event).first()
    if report is None:
        raise ValidationError(_("先に報告(参加者数と概要)を保存してください。"))
    with acting_as(actor), transaction.atomic():
        photo = report.photos.create(caption=caption, image=image, sort_order=report.photos.count())
        _changed()
    return photo


def add_file(actor, event, upload, title, kind):
    """資料: a checked upload (type and size, forms.FileForm) listed on the event's page."""
    require(actor, "events.edit_event", event)
    with acting_as(actor), transaction.atomic():
        attached = EventFile.objects.create(event=event, title=title, file=upload, kind=kind, size=upload.size)
        _changed()
    return attached


def remove_file(actor, attached):
    require(actor, "events.edit_event", attached.event)
    with acting_as(actor), transaction.atomic():
        attached.file.delete(save=False)
        attached.delete()
        _changed()
