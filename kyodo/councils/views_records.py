"""The secretariat's forms for a council's records: the council itself, members, budget lines,
calls, meetings, activities, recommendation reports and recommendations. One view serves them
all through ``RECORDS``; each save goes through ``actions.save_record``."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.core.inputs import AmountField, FiscalYearField, ModelForm, PhoneField, add_errors
from kyodo.core.models import User
from kyodo.plans.models import ActionItem, Plan, Theme

from . import actions
from .models import (
    Activity, Call, Council, CouncilBudget, Meeting, Member, Recommendation, RecommendationReport,
)
from .rules import secretariat_choices
from .views import organisation_or_404


class CouncilForm(ModelForm):
    class Meta:
        model = Council
        fields = ["name", "purpose", "secretariat", "established_on", "term_start", "term_end",
                  "themes", "method", "quota_public", "quota_nominated", "quota_expert", "plan"]


class MemberForm(ModelForm):
    account = forms.EmailField(label=gettext_lazy("利用者アカウント(メールアドレス)"), required=False,
                               help_text=gettext_lazy("登録済みの利用者のメールアドレスを入れると、その人が委員の画面を使えるようになります。"))
    phone = PhoneField(label=gettext_lazy("連絡先電話(非公開)"), required=False)

    class Meta:
        model = Member
        fields = ["name", "category", "position", "term_start", "term_end", "affiliation",
                  "email", "phone", "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.user_id:
            self.fields["account"].initial = self.instance.user.email

    def clean_account(self):
        email = self.cleaned_data["account"]
        if not email:
            return None
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise ValidationError(_("このメールアドレスの利用者は登録されていません。先に利用者登録をしてもらってください。"))
        return user


class BudgetForm(ModelForm):
    fiscal_year = FiscalYearField()
    amount = AmountField(label=gettext_lazy("金額(円)"))

    class Meta:
        model = CouncilBudget
        fields = ["fiscal_year", "kind", "amount", "note"]


class CallForm(ModelForm):
    class Meta:
        model = Call
        fields = ["title", "seats", "opens_on", "closes_on", "requirements", "essay_theme",
                  "essay_max_chars", "selection_method"]


class MeetingForm(ModelForm):
    class Meta:
        model = Meeting
        fields = ["number", "starts_at", "ends_at", "venue", "agenda", "is_open", "closed_reason",
                  "observer_seats"]


class ActivityForm(ModelForm):
    class Meta:
        model = Activity
        fields = ["held_on", "kind", "title", "description"]


class ReportForm(ModelForm):
    class Meta:
        model = RecommendationReport
        fields = ["title", "submitted_on", "addressee", "summary"]


class RecommendationForm(ModelForm):
    class Meta:
        model = Recommendation
        fields = ["report", "number", "theme", "title", "body", "items"]
        widgets = {"items": forms.CheckboxSelectMultiple}


#: kind → (model, form, page title, the field that points at the council or None)
RECORDS = {
    "council": (Council, CouncilForm, gettext_lazy("市民会議")),
    "member": (Member, MemberForm, gettext_lazy("委員")),
    "budget": (CouncilBudget, BudgetForm, gettext_lazy("運営費")),
    "call": (Call, CallForm, gettext_lazy("公募")),
    "meeting": (Meeting, MeetingForm, gettext_lazy("会議")),
    "activity": (Activity, ActivityForm, gettext_lazy("活動記録")),
    "report": (RecommendationReport, ReportForm, gettext_lazy("提言書")),
    "recommendation": (Recommendation, RecommendationForm, gettext_lazy("提言")),
}


def _limit_choices(form, council, organisation, user):
    """Offer only what the actor may choose: their own departments as secretariat (all of the
    organisation's for those who run it), the organisation's plans, the council's reports,
    the themes and items of the plan the council works on."""
    fields = form.fields
    if "secretariat" in fields:
        fields["secretariat"].queryset = secretariat_choices(user, organisation)
    if "plan" in fields:
        fields["plan"].queryset = Plan.objects.filter(organisation=organisation)
    if "report" in fields:
        fields["report"].queryset = RecommendationReport.objects.filter(council=council)
    plan_filter = {"plan_id": council.plan_id} if council.plan_id else {"plan__organisation": organisation}
    if "theme" in fields:
        fields["theme"].queryset = Theme.objects.filter(**plan_filter).select_related("plan")
    if "items" in fields:
        fields["items"].queryset = ActionItem.objects.filter(**plan_filter)


def _council_of(obj):
    if isinstance(obj, Council):
        return obj
    if isinstance(obj, Recommendation):
        return obj.report.council
    return obj.council


@login_required
def edit(request, slug, kind, pk=None, council_id=None):
    organisation = organisation_or_404(slug)
    if kind not in RECORDS:
        raise Http404
    model, form_class, label = RECORDS[kind]
    if pk is not None:
        lookup = ("report__council__organisation" if model is Recommendation
                  else "organisation" if model is Council else "council__organisation")
        obj = get_object_or_404(model, pk=pk, **{lookup: organisation})
        council = _council_of(obj)
    elif kind == "council":
        council = obj = Council(organisation=organisation)
    else:
        council = get_object_or_404(Council, pk=council_id, organisation=organisation)
        obj = model() if model is Recommendation else model(council=council)
    if not request.user.has_perm("councils.manage_council", council if council.pk else organisation):
        raise PermissionDenied(actions.REFUSALS["councils.manage_council"])
    form = form_class(request.POST or None, instance=obj)
    _limit_choices(form, council, organisation, request.user)
    if request.method == "POST" and form.is_valid():
        m2m = {"items": form.cleaned_data["items"]} if "items" in form.fields else None
        if kind == "member":
            form.instance.user = form.cleaned_data["account"]
        try:
            saved = actions.save_record(request.user, form.instance, council, m2m=m2m)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(kind)sを保存しました。") % {"kind": label})
            return redirect("councils:council", slug=slug, council_id=_council_of(saved).pk)
    title = (_("%(kind)sの編集") if pk else _("%(kind)sの追加")) % {"kind": label}
    return render(request, "councils/form.html", {
        "organisation": organisation, "form": form, "title": title,
    })
