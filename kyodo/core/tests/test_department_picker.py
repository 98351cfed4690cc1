"""The department picker shows the tree grouped by 部局 with full paths, so that look-alike
names (two 総務課) can be told apart, and offers only the departments the form allows."""

import pytest
from django import forms

from kyodo.core.models import Department
from kyodo.core.widgets import use_department_picker

from .factories import DepartmentFactory


@pytest.fixture
def tree(sapporo):
    somu = DepartmentFactory(organisation=sapporo, name="総務局", kind="bureau")
    shimin = DepartmentFactory(organisation=sapporo, name="市民文化局", kind="bureau")
    return {
        "somu": DepartmentFactory(organisation=sapporo, name="総務課", parent=somu),
        "shimin": DepartmentFactory(organisation=sapporo, name="総務課", parent=shimin),
        "katsudo": DepartmentFactory(organisation=sapporo, name="市民活動促進課", parent=shimin),
    }


class PickForm(forms.Form):
    departments = forms.ModelMultipleChoiceField(queryset=Department.objects.all())


def test_choices_are_grouped_by_bureau_with_full_paths(sapporo, tree):
    form = PickForm()
    use_department_picker(form.fields["departments"], sapporo)
    html = str(form["departments"])
    assert "<legend>総務局</legend>" in html and "<legend>市民文化局</legend>" in html
    assert "総務局 › 総務課" in html and "市民文化局 › 総務課" in html
    assert "data-department-picker-search" in html  # the search box (shown by the script)


def test_only_the_allowed_departments_are_offered_and_accepted(sapporo, tree):
    allowed = {tree["katsudo"].pk}
    form = PickForm({"departments": [tree["somu"].pk]})
    use_department_picker(form.fields["departments"], sapporo, only=allowed)
    assert "総務局 › 総務課" not in str(form["departments"])
    assert not form.is_valid() and "departments" in form.errors
    form = PickForm({"departments": [tree["katsudo"].pk]})
    use_department_picker(form.fields["departments"], sapporo, only=allowed)
    assert form.is_valid(), form.errors
