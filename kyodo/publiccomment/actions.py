"""The writes of 意見公募: preparing and announcing a call, taking comments (web form and
staff entry of those received by post, fax, at the counter or by e-mail), moderation that
keeps the original, grouping comments into opinion items with the administration's view,
publishing the results (one mail to each commenter) and correcting them with a reason; the
word analysis of the comments, run in the background."""

import datetime
import secrets
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from kyodo.core import corrections
from kyodo.core.actions import acting_as
from kyodo.core.japanese import wareki_date

from . import notices, workflow
from .models import Call, Channel, CommenterType, Comment, CommentAnalysis, Document, OpinionItem
from .rules import call_departments

REFUSALS = {
    "publiccomment.use_staff_screens": _("この画面は団体の職員だけが使えます。"),
    "publiccomment.create_call": _("意見公募は団体の職員が作成します。"),
    "publiccomment.manage_call": _("この意見公募は担当課・主管課・団体管理者だけが扱えます。"),
    "publiccomment.see_commenters": _("提出者の氏名・連絡先は担当課と主管課だけが見られます。"),
}
#: What stands in the public text for a masked passage.
MASK = "[非公開]"


def require(actor, permission, obj):
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(REFUSALS[permission])


def new_form_token():
    return secrets.token_urlsafe(24)


# --- Preparing a call --------------------------------------------------------------------------

def save_call(actor, call):
    """Create or edit a call before it is announced. The department must be one the actor may
    give calls to; the period rules are in ``Call.clean`` (30 days, shorter only with a reason)."""
    if call.pk is not None:
        stored = Call.objects.get(pk=call.pk)
        require(actor, "publiccomment.manage_call", stored)
        if stored.is_public:
            raise ValidationError(_("公示した意見公募は「訂正」から理由を添えて変更してください。"))
    else:
        require(actor, "publiccomment.create_call", call.organisation)
    if call.department_id and call.department_id not in {d.pk for d in call_departments(actor, call.organisation)}:
        raise PermissionDenied(_("自分の課以外を担当課とする意見公募は作れません。主管課に依頼してください。"))
    with acting_as(actor), transaction.atomic():
        call.full_clean()
        call.save()
    return call


def correct_call(actor, call, *, reason, changes):
    """訂正 of an announced call (e.g. the period extended), with a reason shown on its page. The
    period may only grow: shortening a period residents rely on is refused."""
    require(actor, "publiccomment.manage_call", call)
    if "closes_on" in changes and changes["closes_on"] < call.closes_on:
        raise ValidationError({"closes_on": _("公示した募集締切日を早めることはできません。延長だけができます。")})
    if "opens_on" in changes and changes["opens_on"] != call.opens_on and call.current_phase != Call.Phase.NOTICE:
        raise ValidationError({"opens_on": _("募集が始まった後は募集開始日を変えられません。")})
    return corrections.correct(actor, call, reason=reason, changes=changes)


def save_section(actor, section):
    require(actor, "publiccomment.manage_call", section.call)
    if section.call.status != Call.Status.DRAFT and section.pk is None:
        raise ValidationError(_("公示した案には項目を加えられません。"))
    with acting_as(actor), transaction.atomic():
        section.full_clean()
        section.save()
    return section


def add_document(actor, call, *, title, kind, upload):
    """A file of the call: PDF, Word, Excel, PowerPoint, PNG or JPEG, 10 MB at most, its content
    matching its name (the councils' check)."""
    from kyodo.councils.actions import check_material

    require(actor, "publiccomment.manage_call", call)
    extension = check_material(upload)
    with acting_as(actor), transaction.atomic():
        document = Document(call=call, title=(title or "").strip(), kind=kind, size=upload.size,
                            extension=extension)
        document.file.save(Path(upload.name).name, upload, save=False)
        document.full_clean()
        document.save()
    return document


def withdraw_document(actor, document, *, reason, removed=False):
    """取下げ of a file (``removed``: for personal data, never served again)."""
    require(actor, "publiccomment.manage_call", document.call)
    return corrections.withdraw(actor, document, reason=reason, removed=removed,
                                changes={"withdrawn_at": timezone.now()})


def announce(actor, call):
    """公示: the call appears on the public pages (予告 until its first day)."""
    require(actor, "publiccomment.manage_call", call)
    if call.opens_on < timezone.localdate():
        raise ValidationError({"opens_on": _("募集開始日が過ぎています。今日以降の日にしてから公示してください。")})
    if not call.sections.exists() and not call.documents.exists():
        raise ValidationError(_("案の本文(項目)か資料を1つ以上登録してから公示してください。"))
    return workflow.apply(actor, call, "announce")


# --- Comments ----------------------------------------------------------------------------------

def _next_sequence(call):
    """Take the next receipt number under a row lock (never reused, never skipped)."""
    locked = Call.objects.select_for_update().get(pk=call.pk)
    locked.last_receipt += 1
    Call.objects.filter(pk=call.pk).update(last_receipt=locked.last_receipt)
    call.last_receipt = locked.last_receipt
    return locked.last_receipt


def check_comment(call, data, *, channel, received_on=None):
    errors = {}

    def refuse(field, message):
        errors.setdefault(field, []).append(message)

    if channel == Channel.WEB:
        phase = call.current_phase
        if phase == Call.Phase.NOTICE:
            refuse(None, _("意見の募集は%(date)sからです。その日から提出できます。") % {"date": wareki_date(call.opens_on)})
        elif phase != Call.Phase.OPEN:
            refuse(None, _("意見の募集は%(date)sで締め切りました。締切後のご意見は受け付けられません。")
                   % {"date": wareki_date(call.closes_on)})
        if not data.get("consent"):
            refuse("consent", _("ご意見の取扱い(意見の概要として公表すること等)に同意してチェックしてください。"))
    else:
        if call.status not in (Call.Status.ANNOUNCED, Call.Status.REVIEWING):
            refuse(None, _("公示中か集計・検討中の意見公募にだけ代理入力できます。"))
        if received_on is None:
            refuse("received_on", _("受け付けた日(郵送は消印の日)を入力してください。"))
        elif not call.opens_on <= received_on <= call.closes_on:
            refuse("received_on", _("募集期間(%(start)s〜%(end)s)に受け付けた意見だけを入力できます。")
                   % {"start": wareki_date(call.opens_on), "end": wareki_date(call.closes_on)})
        elif received_on > timezone.localdate():
            refuse("received_on", _("受け付けた日に未来の日は入力できません。"))
    if call.name_required and not (data.get("name") or "").strip():
        refuse("name", _("この意見公募では氏名(法人・団体は名称)が必要です。"))
    kind = data.get("commenter_type")
    if kind and kind not in (call.eligible or []):
        refuse("commenter_type", _("この案に意見を提出できるのは、%(who)sです。") % {"who": "、".join(map(str, call.eligible_labels))})
    section = data.get("section")
    if section is not None and section.call_id != call.pk:
        refuse("section", _("この案の項目を選んでください。"))
    if not (data.get("body") or "").strip():
        refuse("body", _("ご意見を入力してください。"))
    return errors


def submit_comment(call, data, *, form_token=None, user=None, channel=Channel.WEB, entered_by=None,
                   received_on=None):
    """A comment: checked, given a receipt number, confirmed by mail. Sending the same form twice
    (same token) returns the first comment."""
    if form_token:
        existing = Comment.objects.filter(form_token=form_token).first()
        if existing is not None:
            return existing, False
    errors = check_comment(call, data, channel=channel, received_on=received_on)
    if errors:
        raise ValidationError(errors)
    submitted_at = timezone.now()
    if received_on is not None and received_on != timezone.localdate():
        submitted_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(9, 0)))
    fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
    try:
        with transaction.atomic():
            comment = Comment(call=call, sequence=_next_sequence(call), form_token=form_token, channel=channel,
                              entered_by=entered_by, submitted_at=submitted_at,
                              user=user if user is not None and user.is_authenticated else None, **fields)
            comment.full_clean(exclude=["form_token"])
            comment.save()
            notices.comment_received(comment)
    except IntegrityError:
        if form_token:
            existing = Comment.objects.filter(form_token=form_token).first()
            if existing is not None:
                return existing, False
        raise
    return comment, True


def enter_on_behalf(actor, call, data, *, channel, received_on, form_token=None):
    """代理入力: staff key in a comment received by post, fax, at the counter or by e-mail, with
    the channel and the day it was received (within the period)."""
    require(actor, "publiccomment.manage_call", call)
    if channel == Channel.WEB or channel not in Channel.values:
        raise ValidationError({"channel": _("提出の方法(郵送・ファクス・窓口持参・電子メール)を選んでください。")})
    with acting_as(actor):
        return submit_comment(call, {**data, "consent": True}, form_token=form_token, channel=channel,
                              entered_by=actor, received_on=received_on)


def mask(actor, comment, *, passages, reason, note=""):
    """Hide passages of a comment from the public (a personal attack, someone else's personal
    data) with the reason recorded. The original stays for the staff; the public text shows
    「[非公開]」 where each passage was, and the notice says why. Nothing is deleted."""
    require(actor, "publiccomment.manage_call", comment.call)
    passages = [p.strip() for p in passages if p and p.strip()]
    if not passages:
        raise ValidationError({"passages": _("非公開にする部分を、意見の本文からそのまま写して入力してください。")})
    if reason not in Comment.MaskReason.values:
        raise ValidationError({"reason": _("非公開とする理由の区分を選んでください。")})
    if reason == Comment.MaskReason.OTHER and not (note or "").strip():
        raise ValidationError({"note": _("「その他」のときは理由を書いてください。")})
    missing = [p for p in passages if p not in comment.body]
    if missing:
        raise ValidationError({"passages": _("意見の本文に見つからない部分があります: 「%(text)s」") % {"text": missing[0][:40]}})
    body = comment.body
    for passage in sorted(passages, key=len, reverse=True):
        body = body.replace(passage, MASK)
    with acting_as(actor), transaction.atomic():
        if not comment.original_body:
            comment.original_body = comment.body
        comment.body = body
        comment.mask_reason = reason
        comment.mask_note = (note or "").strip()
        comment.masked_by = actor
        comment.masked_at = timezone.now()
        comment.full_clean(exclude=["form_token"])
        comment.save()
    return comment


# --- Results -----------------------------------------------------------------------------------

def start_review(actor, call):
    """集計・検討: after the last day of the period."""
    require(actor, "publiccomment.manage_call", call)
    if call.current_phase in (Call.Phase.NOTICE, Call.Phase.OPEN):
        raise ValidationError(_("募集期間中は集計・検討に進めません(締切: %(date)s)。") % {"date": wareki_date(call.closes_on)})
    return workflow.apply(actor, call, "review")


def _editable_results(call):
    if call.status != Call.Status.REVIEWING:
        raise ValidationError(_("意見の整理と市の考え方は「集計・検討」の間に書きます。公表後は「訂正」から理由を添えて変更してください。"))


def save_opinion_item(actor, item, comments=None):
    """An opinion item (意見の概要) with its view (市の考え方) and the comments it groups."""
    require(actor, "publiccomment.manage_call", item.call)
    _editable_results(item.call)
    if item.number is None:
        item.number = (item.call.opinion_items.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    with acting_as(actor), transaction.atomic():
        item.full_clean()
        item.save()
        if comments is not None:
            foreign = [c for c in comments if c.call_id != item.call_id]
            if foreign:
                raise ValidationError({"comments": _("この意見公募の提出意見だけを選べます。")})
            item.comments.set(comments)
    return item


def group(actor, comment, items):
    """Put one comment under the opinion items it raises (one comment may raise several)."""
    require(actor, "publiccomment.manage_call", comment.call)
    _editable_results(comment.call)
    if any(item.call_id != comment.call_id for item in items):
        raise ValidationError({"items": _("この意見公募の意見の概要だけを選べます。")})
    with acting_as(actor), transaction.atomic():
        comment.opinion_items.set(items)
    return comment


def save_final_text(actor, section, final_text):
    """The section's text after the changes (empty: unchanged from the draft)."""
    require(actor, "publiccomment.manage_call", section.call)
    _editable_results(section.call)
    with acting_as(actor), transaction.atomic():
        section.final_text = "" if final_text.strip() == section.text.strip() else final_text
        section.full_clean()
        section.save()
    return section


def publication_problems(call):
    """What stops the results from being published, as messages (empty when ready)."""
    problems = []
    ungrouped = list(call.comments.filter(opinion_items__isnull=True).order_by("sequence")
                     .values_list("sequence", flat=True)[:6])
    if ungrouped:
        numbers = "、".join(f"PC{call.pk}-{n:04d}" for n in ungrouped[:5])
        problems.append(_("意見の概要に整理していない提出意見があります(%(numbers)s%(more)s)。") % {
            "numbers": numbers, "more": " …" if len(ungrouped) > 5 else ""})
    unanswered = list(call.opinion_items.filter(response="").values_list("number", flat=True)[:6])
    if unanswered:
        problems.append(_("市の考え方が書かれていない意見があります(番号 %(numbers)s)。") % {
            "numbers": "、".join(map(str, unanswered[:5]))})
    if call.opinion_items.filter(modified=True).exists() and not call.sections.exclude(final_text="").exists() \
            and call.sections.exists():
        problems.append(_("「修正あり」の意見がありますが、修正後の本文が入力されていません。"))
    return problems


def publish_results(actor, call, *, results_summary=""):
    """結果公表: the results page goes public and every commenter who gave an address gets one
    mail. Refused while a comment is not grouped or an item has no answer."""
    require(actor, "publiccomment.manage_call", call)
    problems = publication_problems(call)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        workflow.apply(actor, call, "publish", changes={"results_summary": (results_summary or "").strip()})
        notices.results_published(call)
    return call


def correct_published(actor, obj, *, reason, changes):
    """訂正 of published results (an opinion item's view, the final text, the summary): the public
    page shows when, why and the earlier wording."""
    call = obj if isinstance(obj, Call) else obj.call
    require(actor, "publiccomment.manage_call", call)
    if call.status != Call.Status.PUBLISHED:
        raise ValidationError(_("訂正は結果を公表した後に使います。"))
    if isinstance(obj, OpinionItem) and changes.get("modified") and not (changes.get("modification") or obj.modification):
        raise ValidationError({"modification": _("修正ありのときは、修正の内容を書いてください。")})
    return corrections.correct(actor, obj, reason=reason, changes=changes, organisation=call.organisation)



# --- 語の分析: in the background, as a survey's free-text question -------------------------------

def comments_state(call):
    """What the comments are now — how many, the last one, the last masking — to tell whether a
    stored analysis still reads them all."""
    state = call.comments.aggregate(n=Count("id"), last=Max("id"), masked=Max("masked_at"))
    masked = state["masked"].isoformat() if state["masked"] else ""
    return f"{state['n']}:{state['last'] or 0}:{masked}"


def comment_rows(call):
    """(id, public text, attributes) of the call's comments, streamed: the masked text the
    public reads, never the original."""
    types, channels = dict(CommenterType.choices), dict(Channel.choices)
    whole = str(_("案の全体"))
    rows = (call.comments.order_by("pk").values_list("pk", "body", "commenter_type", "channel",
                                                     "section__number", "section__heading")
            .iterator(chunk_size=2000))
    for pk, body, commenter_type, channel, number, heading in rows:
        yield pk, body, {"commenter_type": str(types.get(commenter_type, commenter_type)),
                         "section": f"{number}. {heading}" if number is not None else whole,
                         "channel": str(channels.get(channel, channel))}


def request_analysis(actor, call):
    """Queue the word analysis of the call's comments (run at once by the immediate backend of
    the demo and the tests, by ``manage.py db_worker`` in production)."""
    require(actor, "publiccomment.manage_call", call)
    with transaction.atomic():
        analysis, _created = CommentAnalysis.objects.update_or_create(call=call, defaults={
            "status": CommentAnalysis.Status.QUEUED, "done": 0, "total": call.comments.count(),
            "comments_state": comments_state(call)})
        transaction.on_commit(lambda: analyse_comments.enqueue(analysis.pk))
    return analysis


def run_analysis(analysis_id, *, measure=False):
    from kyodo.surveys import textanalysis

    analysis = CommentAnalysis.objects.select_related("call").get(pk=analysis_id)
    call = analysis.call
    return textanalysis.run_and_store(analysis, comment_rows(call), total=call.comments.count(),
                                      title=str(_("提出意見の共起ネットワーク")), measure=measure)


@task()
def analyse_comments(analysis_id: int) -> None:
    """The background task: analyse one call's comments and store the result."""
    run_analysis(analysis_id)
