"""The NPO Act's activity fields as they stood in each fiscal year, and import look-ups."""

from kyodo.collaboration.vocabularies import (
    ActivityField, CollaborationForm, PartnerType, field_choices, field_list_for_fiscal_year,
    lookup, lookup_field,
)


def test_the_current_list_has_the_twenty_fields_of_the_act_in_order():
    keys = [k.value for k in field_list_for_fiscal_year(2024).keys]
    assert len(keys) == 20 == len(ActivityField)
    assert keys[0] == "health" and keys[3] == "tourism" and keys[4] == "rural"
    assert keys[18] == "support" and keys[19] == "ordinance"
    assert field_choices(2024)[13][1] == "14. 情報化社会の発展を図る活動"


def test_heisei_17_uses_the_seventeen_field_list_with_its_own_numbering():
    keys = [k.value for k in field_list_for_fiscal_year(2005).keys]
    assert len(keys) == 17
    assert "tourism" not in keys and "rural" not in keys and "ordinance" not in keys
    assert keys[3] == "culture" and keys[11] == "information" and keys[16] == "support"


def test_fiscal_year_takes_the_list_in_force_at_its_end():
    assert len(field_list_for_fiscal_year(2002).keys) == 12   # ends 2003-03-31
    assert len(field_list_for_fiscal_year(2003).keys) == 17   # 17 fields from 2003-05-01
    assert len(field_list_for_fiscal_year(2011).keys) == 17
    assert len(field_list_for_fiscal_year(2012).keys) == 20


def test_twelve_field_list_used_the_older_wording_for_culture():
    assert dict(field_choices(2001))["culture"] == "4. 文化、芸術又はスポーツの振興を図る活動"


def test_field_number_means_different_fields_in_different_years():
    assert lookup_field("4", 2005) == "culture"
    assert lookup_field("４", 2012) == "tourism"
    assert lookup_field("観光", 2005) is None
    assert lookup_field("環境保全", 2005) == "environment"
    assert lookup_field("21", 2012) is None


def test_forms_and_partner_types_are_found_by_label_or_alias():
    assert lookup(CollaborationForm, "補助・助成") == "subsidy"
    assert lookup(CollaborationForm, " 委託 ") == "commission"
    assert lookup(CollaborationForm, "寄附") is None
    assert lookup(PartnerType, "ＮＰＯ法人") == "npo"
