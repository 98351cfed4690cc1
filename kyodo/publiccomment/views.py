"""Pages of 意見公募: the public list, a call with its documents and comment form, the results
page and its PDF; the staff screens to prepare, announce, key in, moderate, group, answer and
publish. Thin: parse, check, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kyodo.core import corrections
from kyodo.core.inputs import add_errors, query_value, TextField
from kyodo.core.models import Organisation
from kyodo.core.throttle import SubmissionLimit

from . import actions, queries, workflow
from .forms import (
    CallForm, CommentForm, CorrectCallForm, CorrectItemForm, DocumentForm, FinalTextForm, GroupForm, MaskForm,
    OpinionItemForm, ProxyCommentForm, PublishForm, SectionForm, WithdrawDocumentForm,
)
from .models import Call, Channel, Comment, CommentAnalysis, Document, OpinionItem, Section
from .rules import call_departments

#: Accepted comments per address: a mistake on the form does not count.
COMMENT_LIMIT = SubmissionLimit("publiccomment.comment", rate="10/h")


def organisation_or_404(slug):
    return get_object_or_404(Organisation, slug=slug)


def public_call_or_404(organisation, call_id, **options):
    call = queries.call_detail(organisation, call_id, **options)
    if call is None:
        raise Http404
    return call


# --- Public ------------------------------------------------------------------------------------

def index(request, slug):
    organisation = organisation_or_404(slug)

    def groups():
        by_phase = {phase: [] for phase in Call.Phase.values}
        for call in queries.public_calls(organisation):
            by_phase[call.current_phase].append(call)
        return {"open": by_phase[Call.Phase.OPEN], "notice": by_phase[Call.Phase.NOTICE],
                "closed": by_phase[Call.Phase.CLOSED] + by_phase[Call.Phase.REVIEWING],
                "published": by_phase[Call.Phase.PUBLISHED]}

    # lazy: the lists are the same for everyone, kept in a shared fragment (per day: phases move)
    return render(request, "publiccomment/index.html", {
        "organisation": organisation, "calls": SimpleLazyObject(groups), "today": timezone.localdate()})


def call(request, slug, call_id):
    organisation = organisation_or_404(slug)
    call = public_call_or_404(organisation, call_id)
    return render(request, "publiccomment/call.html", {
        "organisation": organisation, "call": call, "documents": call.documents.all(),
        "sections": call.sections.all(),
        "document_trail": corrections.corrections_of(list(call.documents.all())),
    })


def comment(request, slug, call_id):
    organisation = organisation_or_404(slug)
    call = public_call_or_404(organisation, call_id)
    form = CommentForm(request.POST or None, call=call, initial={"form_token": actions.new_form_token()})
    limited = False
    if request.method == "POST":
        if COMMENT_LIMIT.reached(request):
            limited = True
            form.add_error(None, COMMENT_LIMIT.message(request))
        elif form.is_valid():
            try:
                created_comment, created = actions.submit_comment(
                    call, form.comment_data(), form_token=form.cleaned_data["form_token"], user=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                if created:
                    COMMENT_LIMIT.count(request)
                return redirect(reverse("publiccomment:done", args=[slug, call.pk]) + f"?t={created_comment.form_token}")
    status = 429 if limited else 400 if form.errors else 200
    return render(request, "publiccomment/comment.html", {
        "organisation": organisation, "call": call, "form": form, "sections": call.sections.all(),
    }, status=status)


@never_cache
def done(request, slug, call_id):
    organisation = organisation_or_404(slug)
    token = query_value(request.GET, "t", TextField(max_length=40), default="-")
    found = get_object_or_404(Comment.objects.select_related("call"), call__organisation=organisation,
                              call_id=call_id, form_token=token)
    return render(request, "publiccomment/done.html", {"organisation": organisation, "call": found.call,
                                                       "comment": found})


def published_call_or_404(organisation, call_id):
    call = public_call_or_404(organisation, call_id, with_text=False)
    if call.status != Call.Status.PUBLISHED:
        raise Http404
    return call


def results_context(organisation, call_id):
    call = published_call_or_404(organisation, call_id)
    return {"organisation": organisation, "call": call, **queries.results(call)}


def results(request, slug, call_id):
    organisation = organisation_or_404(slug)
    call = published_call_or_404(organisation, call_id)
    # lazy: the results are the same for everyone, kept in a shared fragment
    return render(request, "publiccomment/results.html", {
        "organisation": organisation, "call": call, "results": SimpleLazyObject(lambda: queries.results(call))})


def results_comments(request, slug, call_id):
    """The comments as sent, 100 a page, without names or contacts (only if the call publishes them)."""
    from django.core.paginator import Paginator

    from kyodo.core.inputs import page_number

    organisation = organisation_or_404(slug)
    call = published_call_or_404(organisation, call_id)
    if not call.publish_comments:
        raise Http404
    page = Paginator(queries.published_comments(call), 100).get_page(page_number(request.GET))
    return render(request, "publiccomment/results_comments.html", {
        "organisation": organisation, "call": call, "page": page})


def results_pdf(request, slug, call_id):
    """The results as a PDF (the same content as the page), through core's PDF renderer."""
    try:
        from kyodo.core.pdf import render_pdf
    except ImportError:  # the renderer is not installed in this build
        raise Http404 from None
    organisation = organisation_or_404(slug)
    context = results_context(organisation, call_id)
    return render_pdf(request, "publiccomment/results_pdf.html", context, f"public-comment-{call_id}-results.pdf")


def document(request, slug, document_id):
    """A call's file: public once the call is announced; staff who manage it see it before.
    A file withdrawn for personal data is never served again."""
    organisation = organisation_or_404(slug)
    doc = get_object_or_404(Document.objects.select_related("call__organisation"), pk=document_id,
                            call__organisation=organisation)
    if not request.user.has_perm("publiccomment.view_call", doc.call):
        raise Http404
    if doc.withdrawn_at and corrections.is_removed(doc):
        return render(request, "publiccomment/document_removed.html", {
            "organisation": organisation, "call": doc.call, "document": doc}, status=410)
    from kyodo.councils.models import MATERIAL_TYPES

    content_type = MATERIAL_TYPES.get(doc.extension, ("application/octet-stream",))[0]
    try:
        handle = doc.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type,
                            as_attachment=doc.extension not in {"pdf", "png", "jpg", "jpeg"},
                            filename=doc.file.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "no-cache"
    return response


# --- Staff -------------------------------------------------------------------------------------

def staff_organisation(request, slug):
    organisation = organisation_or_404(slug)
    if not request.user.has_perm("publiccomment.use_staff_screens", organisation):
        raise PermissionDenied(actions.REFUSALS["publiccomment.use_staff_screens"])
    return organisation


def managed_call(request, slug, call_id):
    organisation = staff_organisation(request, slug)
    found = queries.call_detail(organisation, call_id, public=False)
    if found is None:
        raise Http404
    if not request.user.has_perm("publiccomment.manage_call", found):
        raise PermissionDenied(actions.REFUSALS["publiccomment.manage_call"])
    return organisation, found


@login_required
def manage(request, slug):
    organisation = staff_organisation(request, slug)
    calls = list(queries.staff_calls(organisation, request.user))
    for item in calls:
        item.can_manage = request.user.has_perm("publiccomment.manage_call", item)
    return render(request, "publiccomment/manage/index.html", {
        "organisation": organisation, "calls": calls,
        "can_create": request.user.has_perm("publiccomment.create_call", organisation),
    })


@login_required
def call_edit(request, slug, call_id=None):
    organisation = staff_organisation(request, slug)
    if call_id is None:
        if not request.user.has_perm("publiccomment.create_call", organisation):
            raise PermissionDenied(actions.REFUSALS["publiccomment.create_call"])
        instance = Call(organisation=organisation)
    else:
        organisation, instance = managed_call(request, slug, call_id)
        if instance.is_public:
            return redirect("publiccomment:call_correct", slug=slug, call_id=instance.pk)
    departments = call_departments(request.user, organisation)
    initial = {}
    if call_id is None:
        from .models import default_closes_on

        today = timezone.localdate()
        initial = {"opens_on": today, "closes_on": default_closes_on(today), "eligible": ["resident", "commuter", "student", "business", "interested"]}
        if departments.count() == 1:
            initial["department"] = departments.first()
    form = CallForm(request.POST or None, instance=instance, departments=departments, organisation=organisation,
                    initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_call(request.user, form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("意見公募を保存しました。"))
            return redirect("publiccomment:manage_call", slug=slug, call_id=saved.pk)
    return render(request, "publiccomment/manage/call_form.html", {
        "organisation": organisation, "form": form, "call": instance if call_id else None,
    }, status=400 if form.errors else 200)


@login_required
def call_correct(request, slug, call_id):
    organisation, found = managed_call(request, slug, call_id)
    if not found.is_public:
        return redirect("publiccomment:call_edit", slug=slug, call_id=found.pk)
    form = CorrectCallForm(request.POST or None, initial={"closes_on": found.closes_on, "summary": found.summary})
    if request.method == "POST" and form.is_valid():
        try:
            actions.correct_call(request.user, found, reason=form.cleaned_data["reason"], changes={
                "closes_on": form.cleaned_data["closes_on"], "summary": form.cleaned_data["summary"]})
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("意見公募を訂正しました。公開ページに訂正の記録が表示されます。"))
            return redirect("publiccomment:manage_call", slug=slug, call_id=found.pk)
    return render(request, "publiccomment/manage/simple_form.html", {
        "organisation": organisation, "call": found, "form": form,
        "heading": _("公示した意見公募の訂正"), "submit": _("訂正する"),
    }, status=400 if form.errors else 200)


@login_required
def manage_call(request, slug, call_id):
    organisation, found = managed_call(request, slug, call_id)
    return render(request, "publiccomment/manage/call.html", {
        "organisation": organisation, "call": found, "steps": workflow.available(found),
        "counts": queries.counts(found), "ungrouped": queries.ungrouped_count(found),
        "items": queries.opinion_items(found), "sections": queries.final_text(found),
        "documents": found.documents.all(),
        "problems": actions.publication_problems(found) if found.status == Call.Status.REVIEWING else [],
        "publish_form": PublishForm(initial={"results_summary": found.results_summary}),
    })


@login_required
@require_POST
def step(request, slug, call_id, name):
    organisation, found = managed_call(request, slug, call_id)
    try:
        if name == "announce":
            actions.announce(request.user, found)
            messages.success(request, _("公示しました。公開ページに掲載されます。"))
        elif name == "review":
            actions.start_review(request.user, found)
            messages.success(request, _("集計・検討を始めました。意見を整理し、市の考え方を書いてください。"))
        elif name == "publish":
            form = PublishForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("結果の概要を確かめてください。"))
            actions.publish_results(request.user, found, results_summary=form.cleaned_data["results_summary"])
            messages.success(request, _("結果を公表しました。意見を提出した方にお知らせを送ります。"))
        else:
            raise Http404
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("publiccomment:manage_call", slug=slug, call_id=found.pk)


@login_required
def section_edit(request, slug, call_id, section_id=None):
    organisation, found = managed_call(request, slug, call_id)
    if section_id is None:
        instance = Section(call=found, number=(found.sections.count() + 1))
    else:
        instance = get_object_or_404(Section, pk=section_id, call=found)
    if found.is_public:
        raise PermissionDenied(_("公示した案の本文は「訂正」以外では変えられません。"))
    form = SectionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_section(request.user, form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("案の項目を保存しました。"))
            return redirect("publiccomment:manage_call", slug=slug, call_id=found.pk)
    return render(request, "publiccomment/manage/simple_form.html", {
        "organisation": organisation, "call": found, "form": form, "heading": _("案の項目"), "submit": _("保存する"),
    }, status=400 if form.errors else 200)


@login_required
def document_new(request, slug, call_id):
    organisation, found = managed_call(request, slug, call_id)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_document(request.user, found, title=form.cleaned_data["title"], kind=form.cleaned_data["kind"],
                                 upload=form.cleaned_data["file"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("資料を登録しました。"))
            return redirect("publiccomment:manage_call", slug=slug, call_id=found.pk)
    return render(request, "publiccomment/manage/simple_form.html", {
        "organisation": organisation, "call": found, "form": form, "heading": _("資料の登録"), "submit": _("登録する"),
        "multipart": True,
    }, status=400 if form.errors else 200)


@login_required
def document_withdraw(request, slug, call_id, document_id):
    organisation, found = managed_call(request, slug, call_id)
    doc = get_object_or_404(Document, pk=document_id, call=found, withdrawn_at__isnull=True)
    form = WithdrawDocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.withdraw_document(request.user, doc, reason=form.cleaned_data["reason"],
                                  removed=form.cleaned_data["removed"])
        messages.success(request, _("資料を取り下げました。"))
        return redirect("publiccomment:manage_call", slug=slug, call_id=found.pk)
    return render(request, "publiccomment/manage/simple_form.html", {
        "organisation": organisation, "call": found, "form": form,
        "heading": _("資料「%(title)s」の取下げ") % {"title": doc.title}, "submit": _("取り下げる"),
    }, status=400 if form.errors else 200)


@login_required
def comments(request, slug, call_id):
    organisation, found = managed_call(request, slug, call_id)
    ungrouped = query_value(request.GET, "ungrouped", TextField(max_length=1), default="") == "1"
    channel = query_value(request.GET, "channel", TextField(max_length=10), default="")
    if channel and channel not in Channel.values:
        channel = ""
    from kyodo.core.inputs import page_number
    from django.core.paginator import Paginator

    paginator = Paginator(queries.staff_comments(found, ungrouped=ungrouped, channel=channel), 50)
    page = paginator.get_page(page_number(request.GET))
    return render(request, "publiccomment/manage/comments.html", {
        "organisation": organisation, "call": found, "page": page, "ungrouped": ungrouped, "channel": channel,
        "channels": Channel.choices,
        "see_commenters": request.user.has_perm("publiccomment.see_commenters", found),
    })


@login_required
def proxy_entry(request, slug, call_id):
    organisation, found = managed_call(request, slug, call_id)
    form = ProxyCommentForm(request.POST or None, call=found, initial={"form_token": actions.new_form_token()})
    if request.method == "POST" and form.is_valid():
        try:
            entered, _created = actions.enter_on_behalf(
                request.user, found, form.comment_data(), channel=form.cleaned_data["channel"],
                received_on=form.cleaned_data["received_on"], form_token=form.cleaned_data["form_token"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("意見を代理入力しました(受付番号 %(no)s)。") % {"no": entered.receipt_number})
            return redirect("publiccomment:comments", slug=slug, call_id=found.pk)
    return render(request, "publiccomment/manage/simple_form.html", {
        "organisation": organisation, "call": found, "form": form, "heading": _("意見の代理入力"),
        "submit": _("登録する"),
    }, status=400 if form.errors else 200)


@login_required
def comment_detail(request, slug, call_id, comment_id):
    organisation, found = managed_call(request, slug, call_id)
    item = get_object_or_404(Comment.objects.select_related("section", "entered_by", "masked_by"),
                             pk=comment_id, call=found)
    group_form = GroupForm(request.POST if "group" in request.POST else None, call=found,
                           initial={"items": list(item.opinion_items.all())}, prefix="group")
    mask_form = MaskForm(request.POST if "mask" in request.POST else None, prefix="mask")
    if request.method == "POST":
        try:
            if "group" in request.POST and group_form.is_valid():
                actions.group(request.user, item, list(group_form.cleaned_data["items"]))
                messages.success(request, _("意見の概要への整理を保存しました。"))
                return redirect(_next_ungrouped(found, item, slug))
            if "mask" in request.POST and mask_form.is_valid():
                actions.mask(request.user, item, passages=mask_form.passage_list(),
                             reason=mask_form.cleaned_data["reason"], note=mask_form.cleaned_data["note"])
                messages.success(request, _("指定した部分を非公開にしました。原文は職員だけが見られます。"))
                return redirect("publiccomment:comment", slug=slug, call_id=found.pk, comment_id=item.pk)
        except ValidationError as error:
            add_errors(group_form if "group" in request.POST else mask_form, error)
    return render(request, "publiccomment/manage/comment.html", {
        "organisation": organisation, "call": found, "comment": item, "group_form": group_form,
        "mask_form": mask_form, "can_group": found.status == Call.Status.REVIEWING,
        "see_commenters": request.user.has_perm("publiccomment.see_commenters", found),
    }, status=400 if group_form.errors or mask_form.errors else 200)


def _next_ungrouped(call, current, slug):
    following = (call.comments.filter(opinion_items__isnull=True, sequence__gt=current.sequence)
                 .order_by("sequence").first())
    if following is not None:
        return reverse("publiccomment:comment", args=[slug, call.pk, following.pk])
    return reverse("publiccomment:manage_call", args=[slug, call.pk])


@login_required
def item_edit(request, slug, call_id, item_id=None):
    organisation, found = managed_call(request, slug, call_id)
    instance = OpinionItem(call=found) if item_id is None else get_object_or_404(OpinionItem, pk=item_id, call=found)
    if found.status == Call.Status.PUBLISHED and instance.pk:
        return item_correct(request, organisation, found, instance)
    form = OpinionItemForm(request.POST or None, instance=instance, call=found)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_opinion_item(request.user, form.instance, comments=list(form.cleaned_data["comments"]))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("意見の概要と市の考え方を保存しました。"))
            return redirect("publiccomment:manage_call", slug=slug, call_id=found.pk)
    return render(request, "publiccomment/manage/simple_form.html", {
        "organisation": organisation, "call": found, "form": form, "heading": _("意見の概要と市の考え方"),
        "submit": _("保存する"),
    }, status=400 if form.errors else 200)


def item_correct(request, organisation, found, item):
    form = CorrectItemForm(request.POST or None, initial={
        "response": item.response, "modified": item.modified, "modification": item.modification})
    if request.method == "POST" and form.is_valid():
        try:
            actions.correct_published(request.user, item, reason=form.cleaned_data["reason"], changes={
                key: form.cleaned_data[key] for key in ("response", "modified", "modification")})
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("公表した市の考え方を訂正しました。"))
            return redirect("publiccomment:manage_call", slug=organisation.slug, call_id=found.pk)
    return render(request, "publiccomment/manage/simple_form.html", {
        "organisation": organisation, "call": found, "form": form,
        "heading": _("公表した市の考え方の訂正(意見 %(n)d)") % {"n": item.number}, "submit": _("訂正する"),
        "lead": item.summary,
    }, status=400 if form.errors else 200)


@login_required
def final_text(request, slug, call_id, section_id):
    organisation, found = managed_call(request, slug, call_id)
    section = get_object_or_404(Section, pk=section_id, call=found)
    form = FinalTextForm(request.POST or None, initial={"final_text": section.final_text or section.text})
    if request.method == "POST" and form.is_valid():
        try:
            if found.status == Call.Status.PUBLISHED:
                raise ValidationError(_("公表後の本文の変更は、意見の「訂正」から理由を添えて行ってください。"))
            actions.save_final_text(request.user, section, form.cleaned_data["final_text"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("修正後の本文を保存しました。"))
            return redirect("publiccomment:manage_call", slug=slug, call_id=found.pk)
    return render(request, "publiccomment/manage/simple_form.html", {
        "organisation": organisation, "call": found, "form": form,
        "heading": _("修正後の本文: %(section)s") % {"section": section}, "submit": _("保存する"),
        "lead": section.text,
    }, status=400 if form.errors else 200)


# --- Open data ---------------------------------------------------------------------------------

def open_data(request, slug):
    organisation = organisation_or_404(slug)
    return render(request, "publiccomment/open_data.html", {
        "organisation": organisation,
        "calls": queries.public_calls(organisation).filter(status=Call.Status.PUBLISHED),
    })


def open_data_download(request, slug, fmt):
    """Every published opinion item of the organisation: no commenter data at all."""
    from kyodo.core import downloads

    organisation = organisation_or_404(slug)
    if fmt not in downloads.CONTENT_TYPES:
        raise Http404
    rows = ({"call": item.call.title, "department": item.call.department.name,
             "published": item.call.results_published_at.date() if item.call.results_published_at else None,
             "number": item.number, "section": str(item.section) if item.section_id else "",
             "summary": item.summary, "response": item.response,
             "modified": _("あり") if item.modified else _("なし"), "modification": item.modification}
            for item in OpinionItem.objects.filter(call__organisation=organisation, call__status=Call.Status.PUBLISHED)
            .select_related("call__department", "section").order_by("call_id", "number")
            .iterator(chunk_size=downloads.BATCH))
    columns = [downloads.Column("call", _("案の名称")), downloads.Column("department", _("担当課")),
               downloads.Column("published", _("結果公表日")), downloads.Column("number", _("番号"), number=True),
               downloads.Column("section", _("案の項目")), downloads.Column("summary", _("意見の概要")),
               downloads.Column("response", _("市の考え方")), downloads.Column("modified", _("修正の有無")),
               downloads.Column("modification", _("修正の内容"))]
    return downloads.response(fmt, f"{organisation.local_government_code}_public_comment_results.{fmt}", columns, rows,
                              sheet_title="results", head={"organisation": organisation.name})


# --- 語の分析 (kyodo.surveys.textanalysis) ------------------------------------------------------

WORD_ATTRIBUTES = {"commenter_type": _("提出者の区分"), "section": _("意見の対象となる項目"), "channel": _("提出の方法")}


@login_required
def words(request, slug, call_id):
    """語の分析: the most frequent words of the comments, their co-occurrence network with its
    table, the words by commenter type or section, and the comments behind a word — from the
    analysis stored by the background task (its progress while it runs)."""
    organisation, found = managed_call(request, slug, call_id)
    from kyodo.surveys import textanalysis

    analysis = CommentAnalysis.objects.filter(call=found).first()
    done = analysis is not None and analysis.status == CommentAnalysis.Status.DONE
    result = analysis.result if done else {}
    word = query_value(request.GET, "word", TextField(max_length=50), default="")
    by = query_value(request.GET, "by", TextField(max_length=20), default="commenter_type")
    if by not in WORD_ATTRIBUTES:
        raise Http404
    behind, behind_total = [], 0
    if word and done:
        ids, behind_total = textanalysis.answers_with_word(result, word)
        behind = list(found.comments.filter(pk__in=ids[:50]).select_related("section").order_by("sequence"))
    return render(request, "publiccomment/manage/words.html", {
        "organisation": organisation, "call": found, "analysis": analysis, "result": result, "word": word,
        "behind": behind, "behind_total": behind_total, "by": by, "attributes": WORD_ATTRIBUTES,
        "comparison": result.get("by_attribute", {}).get(by),
        "outdated": done and analysis.comments_state != actions.comments_state(found),
    })


@login_required
@require_POST
def words_run(request, slug, call_id):
    """Queue the analysis of the comments as they are now."""
    organisation, found = managed_call(request, slug, call_id)
    actions.request_analysis(request.user, found)
    messages.success(request, _("語の分析を始めました。意見が多いときは数分かかります。"))
    return redirect("publiccomment:words", slug=slug, call_id=found.pk)
