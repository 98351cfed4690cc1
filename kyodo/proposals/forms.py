"""Forms of 協働事業提案制度 (core's typed fields: bounded, full-width folding, Japanese messages)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.collaboration.models import Partner
from kyodo.core.corrections import reason_field
from kyodo.core.inputs import MAX_TEXT, DateField, FiscalYearField, ModelChoiceField, ModelForm, TextField
from kyodo.core.models import Role, User
from kyodo.core.widgets import use_department_picker

from .models import (
    Call, Criterion, ExcludedPurpose, MAX_SCORE, PanelMember, Phase, Proposal, RequiredDocument,
    Theme,
)


class CallForm(ModelForm):
    fiscal_year = FiscalYearField(label=_("実施年度"), min_value=1989,
                                  help_text=_("西暦または和暦(例: 2027、令和9年度)"))
    excluded_purposes = forms.MultipleChoiceField(
        label=_("対象外の事業"), choices=ExcludedPurpose.choices, required=False,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Call
        fields = ["fiscal_year", "kind", "title", "summary", "department", "eligibility",
                  "min_members", "excluded_purposes", "opens_at", "closes_at", "report_due",
                  "pass_mark", "criterion_floor", "show_reviewer_names"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        use_department_picker(self.fields["department"], organisation, multiple=False)


class ThemeForm(ModelForm):
    class Meta:
        model = Theme
        fields = ["number", "title", "description", "department", "budget_cap"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        use_department_picker(self.fields["department"], organisation, multiple=False)


class DocumentForm(ModelForm):
    upload = forms.FileField(label=_("様式ファイル"), required=False,
                             help_text=_("PDF、Word、Excel、PowerPoint、PNG、JPEG(10MBまで)"))

    class Meta:
        model = RequiredDocument
        fields = ["number", "title", "required"]


class PhaseForm(ModelForm):
    class Meta:
        model = Phase
        fields = ["kind", "starts_on", "ends_on", "starts_at", "place"]


class CriterionForm(ModelForm):
    class Meta:
        model = Criterion
        fields = ["number", "title", "description", "weight", "stage"]


class PanelForm(ModelForm):
    user = ModelChoiceField(label=_("委員(審査委員の役割を持つ利用者)"), queryset=User.objects.none())

    class Meta:
        model = PanelMember
        fields = ["user", "name", "kind", "affiliation", "order"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            role_assignments__organisation=organisation, role_assignments__role=Role.REVIEWER,
            role_assignments__accepted_at__isnull=False).distinct().order_by("display_name")
        self.fields["user"].label_from_instance = lambda u: u.display_name or u.email


class ProposalForm(ModelForm):
    declared_purposes = forms.MultipleChoiceField(
        label=_("事業の性格(該当するものすべて)"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=ExcludedPurpose.choices,
        help_text=_("募集要項で対象外とされたものに該当する場合は提案できません。"))

    class Meta:
        model = Proposal
        fields = ["theme", "partner", "group_name", "group_type", "member_count", "based_locally",
                  "declared_purposes", "contact_name", "contact_email", "contact_phone",
                  "contact_address", "title", "summary", "partner_role", "administration_role",
                  "amount"]
        help_texts = {
            "partner": _("名簿に登録済みの団体のメンバーは団体を選べます。登録のない団体は空のまま団体名を入力してください。"),
            "contact_name": _("連絡先は主管課と担当課だけが見られます。公開されません。"),
        }

    def __init__(self, *args, call, user, **kwargs):
        from kyodo.collaboration.rules import partner_ids_of

        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = call.themes.all()
        self.fields["theme"].label_from_instance = lambda t: f"{t.number}. {t.title}(上限{t.budget_cap:,}円)"
        self.fields["partner"].queryset = Partner.objects.filter(
            pk__in=partner_ids_of(user), organisation=call.organisation)
        if not self.fields["partner"].queryset.exists():
            del self.fields["partner"]
        self.fields["based_locally"].label = _("%(org)s内で活動している") % {"org": call.organisation.name}


class FileForm(forms.Form):
    document = ModelChoiceField(label=_("書類"), queryset=RequiredDocument.objects.none())
    file = forms.FileField(label=_("ファイル"),
                           help_text=_("PDF、Word、Excel、PowerPoint、PNG、JPEG(10MBまで)"))

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = call.documents.all()


class ConsultationForm(forms.Form):
    consultation = TextField(label=_("担当課との協議結果"), max_length=MAX_TEXT,
                             error_messages={"required": _("協議結果を入力してください。")},
                             widget=forms.Textarea(attrs={"rows": 5}))


class WithdrawForm(forms.Form):
    reason = TextField(label=_("取下げの理由"), max_length=2000,
                       error_messages={"required": _("取下げの理由を入力してください。")},
                       widget=forms.Textarea(attrs={"rows": 3}),
                       help_text=_("主管課と担当課に伝わります。取り下げた提案は審査されず、元に戻せません。"))


class ConflictForm(forms.Form):
    reason = TextField(label=_("利害関係の内容"), max_length=200,
                       error_messages={"required": _("利害関係の内容を入力してください。")},
                       help_text=_("例: 提案団体の役員を務めている。申告するとこの提案は表示されなくなり、採点にも加わりません。"))


SCORE_CHOICES = [(str(v), str(v)) for v in range(MAX_SCORE + 1)]


class SheetForm(forms.Form):
    comment = TextField(label=_("所見"), required=False, max_length=MAX_TEXT,
                        widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        fields = {}
        for criterion in criteria:
            label = f"{criterion.number}. {criterion.title}(×{criterion.weight})"
            fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=label, choices=SCORE_CHOICES, coerce=int, required=False, empty_value=None,
                widget=forms.RadioSelect, help_text=criterion.description,
                error_messages={"invalid_choice": _("評点は0から5で入力してください。")})
        fields["comment"] = self.fields.pop("comment")
        self.fields.update(fields)

    def scores(self):
        return {c.pk: self.cleaned_data.get(f"criterion_{c.pk}") for c in self.criteria}


class DecisionForm(forms.Form):
    adopt = forms.TypedChoiceField(label=_("選定"), coerce=lambda v: v == "1", widget=forms.RadioSelect,
                                   error_messages={"required": _("採択か不採択かを選んでください。")},
                                   choices=[("1", _("採択")), ("0", _("不採択"))])
    reason = TextField(label=_("選定の理由・講評(公表されます)"), max_length=MAX_TEXT,
                       error_messages={"required": _("選定の理由を入力してください。")},
                       widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(forms.Form):
    review_comment = TextField(label=_("審査講評"), max_length=MAX_TEXT,
                               error_messages={"required": _("審査講評を入力してください。")},
                               widget=forms.Textarea(attrs={"rows": 6}))


class ResultsCorrectionForm(forms.Form):
    """訂正 of published results: the 審査講評, each decided proposal's 選定の理由・講評
    (``decision_<pk>``) and the reason the results page shows."""

    review_comment = TextField(label=_("審査講評"), max_length=MAX_TEXT,
                               error_messages={"required": _("審査講評を入力してください。")},
                               widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, call, proposals, **kwargs):
        super().__init__(*args, initial={"review_comment": call.review_comment, **{
            f"decision_{p.pk}": p.decision_reason for p in proposals}}, **kwargs)
        for proposal in proposals:
            self.fields[f"decision_{proposal.pk}"] = TextField(
                label=_("選定の理由・講評: %(title)s(%(status)s)") % {
                    "title": proposal.title, "status": proposal.get_status_display()},
                max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": _("選定の理由を入力してください。")})
        self.fields["reason"] = reason_field()
        self.proposals = proposals

    def decision_reasons(self):
        return {p.pk: self.cleaned_data[f"decision_{p.pk}"] for p in self.proposals}


class ResultsWithdrawalForm(forms.Form):
    """取下げ of published results, with the reason the results page shows."""

    reason = reason_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="withdraw", **kwargs)


class AgreementForm(forms.Form):
    agreement_date = DateField(label=_("協定締結日"))


class ReportForm(forms.Form):
    report = TextField(label=_("実施報告"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 6}))
