"""The search form: its fields read the query string through core.inputs.query_value."""

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from kyodo.core.inputs import FiscalYearField

from . import text


class SearchTextField(forms.CharField):
    """What was typed: NUL bytes dropped, cut to ``text.MAX_QUERY`` characters — a long or odd
    query is searched as far as it goes rather than refused."""

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.replace("\x00", "").split())[:text.MAX_QUERY]


def module_choices(labels):
    return [("", _("すべての機能"))] + [
        (label, str(apps.get_app_config(label).verbose_name)) for label in labels]


class SearchForm(forms.Form):
    """Shown on the page (the values come cleaned from the view; this only renders)."""

    q = forms.CharField(label=_("検索する言葉"), required=False, max_length=text.MAX_QUERY,
                        widget=forms.SearchInput(attrs={"autocomplete": "off", "enterkeyhint": "search"}))
    module = forms.ChoiceField(label=_("機能"), required=False)
    org = forms.ChoiceField(label=_("団体"), required=False)
    year = FiscalYearField(label=_("年度"), required=False)

    def __init__(self, *args, modules=(), organisations=(), scoped=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].choices = module_choices(modules)
        if scoped:
            del self.fields["org"]
        else:
            self.fields["org"].choices = [("", _("すべての団体"))] + list(organisations)
        self.fields["year"].widget.attrs.update({"inputmode": "numeric", "placeholder": _("例: 2026 または 令和8")})
