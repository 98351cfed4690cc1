"""Forms of 意見公募. Every field is one of core's typed inputs (``kyodo.core.inputs``):
folded, bounded, with Japanese messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.core import corrections, inputs
from kyodo.core.widgets import use_department_picker

from .models import Call, Channel, Comment, CommenterType, Document, OpinionItem, Section

DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CallForm(inputs.ModelForm):
    eligible = forms.MultipleChoiceField(
        label=_("意見を提出できる方"), choices=CommenterType.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("意見を提出できる方を1つ以上選んでください。")})

    class Meta:
        model = Call
        fields = ["title", "department", "summary", "reason", "opens_on", "closes_on", "short_period_reason",
                  "eligible", "name_required", "publish_comments", "submission_address", "plan",
                  "plan_revision", "recommendation"]
        widgets = {"opens_on": DAY, "closes_on": DAY, "summary": forms.Textarea(attrs={"rows": 4}),
                   "reason": forms.Textarea(attrs={"rows": 4}),
                   "short_period_reason": forms.Textarea(attrs={"rows": 2}),
                   "submission_address": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"closes_on": _("募集開始日から30日以上(開始日を含めて数えます)。")}

    def __init__(self, *args, departments, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        from kyodo.councils.models import Recommendation
        from kyodo.plans.models import Plan, Revision

        self.fields["department"].queryset = departments
        # The tree with full paths and a search box (two 総務課 are told apart), still only the
        # departments the actor may give a call to.
        use_department_picker(self.fields["department"], organisation,
                              only={d.pk for d in departments}, multiple=False)
        self.fields["plan"].queryset = Plan.objects.filter(organisation=organisation)
        self.fields["plan_revision"].queryset = Revision.objects.filter(
            item__plan__organisation=organisation).select_related("item")
        self.fields["recommendation"].queryset = Recommendation.objects.filter(
            report__council__organisation=organisation).select_related("report")


class CorrectCallForm(forms.Form):
    """訂正 of an announced call: the period extended, the wording fixed, with the reason."""

    closes_on = inputs.DateField(label=_("募集締切日"), widget=DAY)
    summary = inputs.TextField(label=_("案の概要"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    reason = corrections.reason_field()


class SectionForm(inputs.ModelForm):
    class Meta:
        model = Section
        fields = ["number", "heading", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}


class DocumentForm(forms.Form):
    title = inputs.TextField(label=_("資料名"), max_length=150)
    kind = forms.ChoiceField(label=_("資料の種類"), choices=Document.Kind.choices)
    file = forms.FileField(label=_("ファイル"), help_text=_("PDF、Word、Excel、PowerPoint、PNG、JPEG(10MBまで)"))


class CommentForm(inputs.ModelForm):
    """The web form (one column on a phone, works without JavaScript)."""

    form_token = forms.CharField(widget=forms.HiddenInput, max_length=40)
    phone = inputs.PhoneField(label=_("電話番号"), required=False)
    consent = forms.BooleanField(
        label=_("ご意見の取扱いに同意します"), required=False,
        help_text=_("ご意見は、氏名・住所・連絡先を除き、内容ごとに整理して公表することがあります。"
                    "氏名・連絡先は担当課が内容の確認にだけ使い、公開しません。"))

    class Meta:
        model = Comment
        fields = ["commenter_type", "name", "address_area", "email", "phone", "section", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8}),
                   "email": forms.EmailInput(attrs={"autocomplete": "email"}),
                   "name": forms.TextInput(attrs={"autocomplete": "name"})}
        help_texts = {"email": _("受付番号と、結果を公表したときのお知らせを送ります(任意)。"),
                      "address_area": _("例: 中央区北1条。番地までは不要です。"),
                      "section": _("特定の項目についての意見なら選んでください。")}

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["commenter_type"].choices = [("", "---------")] + [
            (value, label) for value, label in CommenterType.choices if value in (call.eligible or [])]
        self.fields["section"].queryset = call.sections.order_by("number")
        self.fields["section"].required = False
        self.fields["section"].empty_label = _("(案の全体について)")
        self.fields["name"].required = call.name_required

    def comment_data(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["phone"] = data.get("phone") or ""
        data["consent"] = self.cleaned_data.get("consent", False)
        return data


class ProxyCommentForm(CommentForm):
    """代理入力 of a comment received by post, fax, at the counter or by e-mail."""

    channel = forms.ChoiceField(label=_("提出の方法"), choices=[c for c in Channel.choices if c[0] != Channel.WEB])
    received_on = inputs.DateField(label=_("受け付けた日(郵送は消印の日)"), widget=DAY)
    consent = None

    field_order = ["channel", "received_on"]

    def comment_data(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["phone"] = data.get("phone") or ""
        return data


class MaskForm(forms.Form):
    passages = inputs.TextField(
        label=_("非公開にする部分"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("本文からそのまま写します。複数あるときは1行に1つ。公開の本文では「[非公開]」と表示されます。"))
    reason = forms.ChoiceField(label=_("理由の区分"), choices=Comment.MaskReason.choices)
    note = inputs.TextField(label=_("理由"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def passage_list(self):
        return self.cleaned_data["passages"].splitlines()


class OpinionItemForm(inputs.ModelForm):
    class Meta:
        model = OpinionItem
        fields = ["number", "section", "summary", "response", "modified", "modification", "comments"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "response": forms.Textarea(attrs={"rows": 4}),
                   "modification": forms.Textarea(attrs={"rows": 3}),
                   "comments": forms.CheckboxSelectMultiple}
        help_texts = {"number": _("空欄なら最後の番号の次になります。")}

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        self.fields["section"].queryset = call.sections.order_by("number")
        self.fields["section"].required = False
        self.fields["comments"].queryset = call.comments.order_by("sequence")
        self.fields["comments"].label_from_instance = lambda c: f"{c.receipt_number} {c.body[:40]}"


class GroupForm(forms.Form):
    """Put one comment under opinion items (checkboxes of the call's items)."""

    items = forms.ModelMultipleChoiceField(label=_("該当する意見の概要"), queryset=OpinionItem.objects.none(),
                                           required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = call.opinion_items.order_by("number")
        self.fields["items"].label_from_instance = lambda i: f"{i.number}. {i.summary[:50]}"


class FinalTextForm(forms.Form):
    final_text = inputs.TextField(label=_("修正後の本文"), max_length=20000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 8}),
                                  help_text=_("案から変えたところだけでなく、項目の全文を書きます。案のままなら空欄にします。"))


class PublishForm(forms.Form):
    results_summary = inputs.TextField(
        label=_("結果の概要"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("意見を考慮した結果と、案から変わった点の要旨(行政手続法 第43条)。"))


class CorrectItemForm(forms.Form):
    response = inputs.TextField(label=_("市の考え方"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    modified = forms.BooleanField(label=_("案の修正あり"), required=False)
    modification = inputs.TextField(label=_("修正の内容"), max_length=4000, required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    reason = corrections.reason_field()


class WithdrawDocumentForm(forms.Form):
    reason = corrections.reason_field()
    removed = forms.BooleanField(label=_("個人情報を含むため公開を停止する(ファイルを配信しない)"), required=False)
