"""Forms of the foundation's staff screens; every error is a Japanese sentence on its field."""

import django_filters
from auditlog.registry import auditlog
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import audit, inputs
from .models import AuditEntry, Department, Organisation, Role


def website_field():
    return forms.URLField(
        label=_("公式ウェブサイト"), required=False, assume_scheme="https",
        error_messages={"invalid": _("https:// から始まるURLを入力してください。")},
    )


class OrganisationForm(forms.ModelForm):
    website = website_field()

    class Meta:
        model = Organisation
        fields = [
            "name", "name_kana", "name_en", "slug", "kind", "local_government_code",
            "prefecture", "address", "website", "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class OrganisationProfileForm(forms.ModelForm):
    """What an organisation admin may change about their own organisation."""

    website = website_field()

    class Meta:
        model = Organisation
        fields = ["name_en", "address", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "kind", "parent", "sort_order", "phone", "email", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisation, department_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        parent = self.fields["parent"]
        parent.queryset = organisation.departments.all()
        parent.empty_label = _("(なし: 部局として登録)")
        parent.label_from_instance = lambda d: d.full_name if hasattr(d, "full_name") else d.name
        # Offer parents in tree order with their full names; a department cannot be its own parent.
        excluded = {self.instance.pk} if self.instance.pk else set()
        parent.choices = [("", parent.empty_label)] + [
            (d.pk, d.full_name) for d in department_choices if d.pk not in excluded
        ]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("名称を入力してください。"))
        return name

    def clean(self):
        cleaned = super().clean()
        name, parent = cleaned.get("name"), cleaned.get("parent")
        if name:
            siblings = self.instance.organisation.departments.filter(name=name, parent=parent)
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
            if siblings.exists():
                self.add_error(
                    "name",
                    _("「%(name)s」はこの上位組織の下にすでに登録されています。") % {"name": name},
                )
        return cleaned

    def validate_unique(self):
        # Uniqueness is checked in clean() with a message on the name field.
        pass


class RoleGrantForm(forms.Form):
    email = forms.EmailField(
        label=_("メールアドレス"),
        help_text=_("未登録の方にはパスワード設定のご案内をメールで送ります。"),
    )
    display_name = forms.CharField(label=_("表示名"), max_length=60, required=False)
    role = forms.ChoiceField(
        label=_("役割"),
        error_messages={"invalid_choice": _("一覧にない役割です。一覧から選んでください。")},
    )
    department = forms.ModelChoiceField(
        label=_("部署"), queryset=Department.objects.none(), required=False,
        help_text=_("職員・受付窓口・主管課は部署の指定が必要です。"),
    )

    def __init__(self, *args, organisation, department_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["role"].choices = [("", "---------")] + [
            (r.value, r.label) for r in Role if r != Role.PLATFORM_ADMIN
        ]
        self.fields["department"].queryset = organisation.departments.all()
        self.fields["department"].choices = [("", "---------")] + [
            (d.pk, d.full_name) for d in department_choices
        ]

    def clean(self):
        cleaned = super().clean()
        role, department = cleaned.get("role"), cleaned.get("department")
        from .models import DEPARTMENT_ROLES

        if role in DEPARTMENT_ROLES and department is None:
            self.add_error("department", _("この役割には部署の指定が必要です。"))
        return cleaned


class _DateFilter(django_filters.DateFilter):
    field_class = inputs.DateField  # 西暦 or 和暦, full-width or not, within range


class _TextFilter(django_filters.CharFilter):
    field_class = inputs.TextField  # bounded, no NUL byte


class AuditFilter(django_filters.FilterSet):
    """Filters of the audit log screen and its export: by person, by object, by period, by
    action. Periods are whole days in Japan time."""

    ORIGINS = [
        ("account", _("アカウントで操作した人")),
        ("applicant", _("申込者(ログインなし)")),
        ("system", _("システム(定時処理など)")),
    ]

    actor = _TextFilter(
        label=_("操作者(氏名・メールアドレスの一部)"), method="filter_actor", max_length=100,
        widget=forms.TextInput(attrs={"list": "audit-people", "autocomplete": "off"}),
    )
    origin = django_filters.ChoiceFilter(
        label=_("操作者の種類"), choices=ORIGINS, method="filter_origin", empty_label=_("すべて"),
    )
    action = django_filters.ChoiceFilter(
        label=_("操作"), choices=[(code, label) for code, label in audit.ACTION_LABELS.items()],
        empty_label=_("すべて"),
    )
    content_type = django_filters.ModelChoiceFilter(
        label=_("対象の種類"), queryset=ContentType.objects.none(), empty_label=_("すべて"),
    )
    target = _TextFilter(
        label=_("対象(名称の一部または番号)"), method="filter_target", max_length=100,
    )
    since = _DateFilter(label=_("期間(開始日)"), field_name="timestamp", lookup_expr="date__gte")
    until = _DateFilter(label=_("期間(終了日)"), field_name="timestamp", lookup_expr="date__lte")

    class Meta:
        model = AuditEntry
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every model the audit log watches, whichever module registered it.
        audited = ContentType.objects.get_for_models(*auditlog.get_models()).values()
        self.filters["content_type"].queryset = ContentType.objects.filter(
            pk__in=[ct.pk for ct in audited]
        )
        self.filters["content_type"].field.label_from_instance = lambda ct: (
            ct.model_class()._meta.verbose_name if ct.model_class() else ct.model
        )

    def filter_actor(self, queryset, name, value):
        value = inputs.fold(value)
        return queryset.filter(Q(actor_email__icontains=value)
                               | Q(actor__display_name__icontains=value))

    def filter_origin(self, queryset, name, value):
        if value == "account":
            return queryset.filter(actor_email__isnull=False).exclude(actor_email="")
        without_account = queryset.filter(Q(actor_email__isnull=True) | Q(actor_email=""))
        # An entry written during a web request keeps the address; a scheduled task has none.
        return without_account.filter(remote_addr__isnull=value == "system")

    def filter_target(self, queryset, name, value):
        value = inputs.fold(value)
        matches = Q(object_repr__icontains=value)
        if value.isdigit() and int(value) <= inputs.MAX_ID:
            matches |= Q(object_id=int(value))
        return queryset.filter(matches)

    def description(self):
        """The conditions in force, as a line of text (recorded with an export)."""
        if not self.is_bound or not self.form.is_valid():
            return ""
        parts = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            bound = self.form[name]
            if name in ("origin", "action"):
                value = dict(bound.field.choices).get(
                    int(value) if name == "action" else value, value)
            elif name == "content_type":
                value = bound.field.label_from_instance(value)
            parts.append(f"{bound.label}: {value}")
        return " / ".join(str(p) for p in parts)
