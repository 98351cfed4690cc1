"""The organisation admin's screen for how long personal data is kept (kyodo/core/retention.py)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import retention
from .inputs import ModelForm
from .models import Organisation


class RetentionPolicyForm(ModelForm):
    class Meta:
        model = retention.RetentionPolicy
        fields = ["days_after_close"]
        widgets = {"days_after_close": forms.TextInput(attrs={"inputmode": "numeric"})}


@login_required
def manage_retention(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("core.manage_retention", organisation):
        raise PermissionDenied(_("個人情報の保存期間は団体管理者が設定します。"))
    form = RetentionPolicyForm(request.POST or None, instance=retention.policy_of(organisation))
    if request.method == "POST" and form.is_valid():
        retention.save_policy(request.user, form.instance)
        messages.success(request, _("個人情報の保存期間を保存しました。"))
        return redirect("manage:retention", slug=slug)
    return render(request, "core/manage/retention.html", {
        "organisation": organisation, "form": form, "kinds": retention.registered(),
    }, status=400 if form.errors else 200)
