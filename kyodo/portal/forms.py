from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.core.inputs import ModelForm

from .models import MailSetting, OpenDataLicence
from .notices import kinds


class MailSettingsForm(forms.Form):
    """One choice per kind of notice: at once, in the weekly digest, or no mail."""

    def __init__(self, *args, initial_modes=None, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in kinds():
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=MailSetting.Mode.choices, widget=forms.RadioSelect,
                initial=(initial_modes or {}).get(kind, MailSetting.Mode.IMMEDIATE),
                error_messages={"required": _("受け取り方を選んでください。"),
                                "invalid_choice": _("選択肢の中から選んでください。")},
            )


class LicenceForm(ModelForm):
    class Meta:
        model = OpenDataLicence
        fields = ["name", "url", "attribution"]
