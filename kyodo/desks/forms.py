"""Forms of 市民活動インフォメーション, built on core's typed fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.core.inputs import CountField, ModelForm, TextField, TimeField
from kyodo.core.models import Department
from kyodo.core.widgets import use_department_picker

from .models import MAX_COUNT, WEEKDAY_LABELS, Consultation, Desk


class ConsultationForm(ModelForm):
    count = CountField(label=_("件数"), min_value=1, max_value=MAX_COUNT, initial=1, error_messages={
        "min_value": _("件数は1以上にしてください。"), "max_value": _("件数は%(limit_value)s以下にしてください。")},
        help_text=_("同じ日・分類・方法の相談をまとめて件数で記録します。相談者の氏名や連絡先は記録しません。"))

    class Meta:
        model = Consultation
        fields = ["date", "topic", "channel", "count"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AreaFilterForm(forms.Form):
    municipality = forms.ChoiceField(label=_("お住まいの市町村"), required=False)

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("すべての地域"))] + [(m, m) for m in municipalities]

    def value(self):
        if self.is_bound and self.is_valid():
            return self.cleaned_data["municipality"]
        return ""


class DeskForm(ModelForm):
    class Meta:
        model = Desk
        fields = ["name", "department", "area_name", "municipalities", "covered_organisations", "place",
                  "postal_code", "address", "access", "phone", "fax", "email", "services", "notes",
                  "opened_on", "is_public", "sort_order"]
        widgets = {"municipalities": forms.Textarea(attrs={"rows": 4}), "access": forms.Textarea(attrs={"rows": 2}),
                   "services": forms.Textarea(attrs={"rows": 4}), "notes": forms.Textarea(attrs={"rows": 2}),
                   "covered_organisations": forms.CheckboxSelectMultiple}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(organisation=organisation)
        # The tree with full paths and a search box: two 総務課 are told apart.
        use_department_picker(self.fields["department"], organisation, multiple=False)
        covered = self.fields["covered_organisations"]
        covered.queryset = covered.queryset.filter(prefecture=organisation) | covered.queryset.filter(pk=organisation.pk)
        self.fields["opened_on"].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HoursForm(forms.Form):
    weekdays = forms.MultipleChoiceField(
        label=_("曜日"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(str(i), label) for i, label in enumerate(WEEKDAY_LABELS)])
    opens = TimeField(label=_("開始時刻"), required=False)
    closes = TimeField(label=_("終了時刻"), required=False)
    note = TextField(label=_("備考"), required=False, max_length=100)

    def clean(self):
        data = super().clean()
        filled = data.get("weekdays") or data.get("opens") or data.get("closes") or data.get("note")
        if not filled:
            return data
        if not data.get("weekdays"):
            self.add_error("weekdays", _("曜日を1つ以上選んでください。"))
        for name, label in (("opens", _("開始時刻")), ("closes", _("終了時刻"))):
            if name not in self.errors and not data.get(name):
                self.add_error(name, _("%(label)sを入力してください。") % {"label": label})
        if data.get("opens") and data.get("closes") and data["closes"] <= data["opens"]:
            self.add_error("closes", _("終了時刻は開始時刻より後にしてください。"))
        return data

    def line(self):
        data = self.cleaned_data
        if not data.get("weekdays"):
            return None
        return {"weekdays": "".join(sorted(data["weekdays"])), "opens": data["opens"],
                "closes": data["closes"], "note": data.get("note", "")}


HoursFormSet = forms.formset_factory(HoursForm, extra=2, max_num=7, validate_max=True, absolute_max=7)


def hours_initial(desk):
    return [{"weekdays": list(h.weekdays), "opens": h.opens, "closes": h.closes, "note": h.note}
            for h in (desk.hours.all() if desk.pk else [])]

