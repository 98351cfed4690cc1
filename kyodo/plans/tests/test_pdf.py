"""「PDFで印刷・保存」 of a plan's progress (issue 18 §7): a tagged PDF with the plan's title and
its items in selectable Japanese; none for a 素案."""

import pytest

from kyodo.core.tests.pdfcheck import pdf_text
from kyodo.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_the_progress_pdf_of_an_adopted_plan(client, plan, item, report):
    page = client.get(f"/org/sapporo/plans/{plan.pk}/").content.decode()
    assert f"/org/sapporo/plans/{plan.pk}/pdf/" in page and "PDFで印刷・保存" in page
    response = client.get(f"/org/sapporo/plans/{plan.pk}/pdf/")
    assert ".pdf" in response["Content-Disposition"]
    text = pdf_text(response)
    assert plan.title in text and "進捗状況" in text and item.title in text


def test_no_pdf_of_a_draft_plan_even_for_its_staff(client, plan, coordinator):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    client.force_login(coordinator)
    assert client.get(f"/org/sapporo/plans/{plan.pk}/pdf/").status_code == 404
    assert "PDFで印刷・保存" not in client.get(f"/org/sapporo/plans/{plan.pk}/").content.decode()


def test_a_bad_year_in_the_pdf_filters_is_a_clear_400_or_ignored(client, plan):
    response = client.get(f"/org/sapporo/plans/{plan.pk}/pdf/?year=99999999999")
    assert response.status_code in (200, 400)
