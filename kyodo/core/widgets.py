"""Widgets every module's staff forms share.

``DepartmentPicker``: departments as their tree (局 › 部 › 課), grouped under each 部局 with
the full path on every choice and a search box that narrows the list as one types (a small
static script; without JavaScript every choice stays visible and usable) — instead of forty
flat checkboxes with look-alike names (two 総務課).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import queries


class DepartmentPicker(forms.CheckboxSelectMultiple):
    template_name = "core/widgets/department_picker.html"

    def __init__(self, *args, multiple=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.allow_multiple_selected = multiple
        if not multiple:
            self.input_type = "radio"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_label"] = _("部署名で絞り込む")
        return context


def department_choices(organisation, only=None):
    """(pk, label) choices of ``organisation``'s departments in tree order, grouped by 部局:
    ``[(bureau name, [(pk, "総務局 › 総務部 › 総務課"), …]), …]``. ``only``: ids allowed."""
    groups, current = [], None
    for node in queries.flatten(queries.department_tree(organisation)):
        department = node.department
        if only is not None and department.pk not in only:
            continue
        path = " › ".join(department.full_name.split(" "))
        top = path.split(" › ")[0]
        if current is None or current[0] != top:
            current = (top, [])
            groups.append(current)
        current[1].append((department.pk, path))
    return groups


def use_department_picker(field, organisation, *, only=None, multiple=True):
    """Give a form's department field the picker, with the tree of ``organisation``."""
    groups = department_choices(organisation, only=only)
    if hasattr(field, "queryset"):
        allowed = {pk for _group, options in groups for pk, _label in options}
        field.queryset = field.queryset.filter(pk__in=allowed)
    field.widget = DepartmentPicker(multiple=multiple)
    field.choices = groups if multiple or field.required else [("", _("(指定なし)"))] + groups
    return field
