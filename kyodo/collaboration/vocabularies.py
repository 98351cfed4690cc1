"""The vocabularies of 協働: activity fields of the NPO Act, forms of collaboration, partner types.

Activity fields (特定非営利活動促進法 別表) changed twice, and were renumbered each time
(DOMAIN-NOTES §4):

- 1998 (法施行 1998-12-01): 12 fields;
- amended 2002, in force **2003-05-01**: 17 fields (情報化社会, 科学技術, 経済活動, 職業能力,
  消費者 added; 文化… became 「学術、文化…」);
- amended 2011, in force **2012-04-01** (unverified date): 20 fields (観光, 農山漁村,
  条例で定める活動 added).

So we store a **stable key** per field (``"health"``, ``"tourism"``…), never a number, and
derive the list, numbering and wording in force for a fiscal year: the list in force on the
last day of that 年度 (so 平成15年度 = FY2003 uses the 17 fields, 平成23年度 the 17, 平成24年度
the 20). A project of FY2005 cannot be filed under 観光 — that field did not exist yet.
"""

import datetime
import unicodedata
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityField(models.TextChoices):
    """活動分野 — stable keys; labels are the current (20-field) wording."""

    HEALTH = "health", _("保健、医療又は福祉の増進を図る活動")
    SOCIAL_EDUCATION = "social_education", _("社会教育の推進を図る活動")
    COMMUNITY = "community", _("まちづくりの推進を図る活動")
    TOURISM = "tourism", _("観光の振興を図る活動")
    RURAL = "rural", _("農山漁村又は中山間地域の振興を図る活動")
    CULTURE = "culture", _("学術、文化、芸術又はスポーツの振興を図る活動")
    ENVIRONMENT = "environment", _("環境の保全を図る活動")
    DISASTER = "disaster", _("災害救援活動")
    SAFETY = "safety", _("地域安全活動")
    HUMAN_RIGHTS = "human_rights", _("人権の擁護又は平和の推進を図る活動")
    INTERNATIONAL = "international", _("国際協力の活動")
    GENDER = "gender", _("男女共同参画社会の形成の促進を図る活動")
    CHILDREN = "children", _("子どもの健全育成を図る活動")
    INFORMATION = "information", _("情報化社会の発展を図る活動")
    SCIENCE = "science", _("科学技術の振興を図る活動")
    ECONOMY = "economy", _("経済活動の活性化を図る活動")
    EMPLOYMENT = "employment", _("職業能力の開発又は雇用機会の拡充を支援する活動")
    CONSUMER = "consumer", _("消費者の保護を図る活動")
    SUPPORT = "support", _("前各号に掲げる活動を行う団体の運営又は活動に関する連絡、助言又は援助の活動")
    ORDINANCE = "ordinance", _("前各号に掲げる活動に準ずる活動として都道府県又は指定都市の条例で定める活動")


#: Short names for tables and charts (the statutory names are long).
FIELD_SHORT = {
    ActivityField.HEALTH: _("保健・医療・福祉"),
    ActivityField.SOCIAL_EDUCATION: _("社会教育"),
    ActivityField.COMMUNITY: _("まちづくり"),
    ActivityField.TOURISM: _("観光"),
    ActivityField.RURAL: _("農山漁村・中山間地域"),
    ActivityField.CULTURE: _("学術・文化・芸術・スポーツ"),
    ActivityField.ENVIRONMENT: _("環境保全"),
    ActivityField.DISASTER: _("災害救援"),
    ActivityField.SAFETY: _("地域安全"),
    ActivityField.HUMAN_RIGHTS: _("人権・平和"),
    ActivityField.INTERNATIONAL: _("国際協力"),
    ActivityField.GENDER: _("男女共同参画"),
    ActivityField.CHILDREN: _("子どもの健全育成"),
    ActivityField.INFORMATION: _("情報化社会"),
    ActivityField.SCIENCE: _("科学技術"),
    ActivityField.ECONOMY: _("経済活動の活性化"),
    ActivityField.EMPLOYMENT: _("職業能力・雇用機会"),
    ActivityField.CONSUMER: _("消費者保護"),
    ActivityField.SUPPORT: _("中間支援(連絡・助言・援助)"),
    ActivityField.ORDINANCE: _("条例で定める活動"),
}


@dataclass(frozen=True)
class FieldList:
    """One version of 別表: the fields in force from ``since``, in their statutory order."""

    name: str
    since: datetime.date
    keys: tuple

    def number_of(self, key):
        return self.keys.index(key) + 1


F = ActivityField
FIELD_LISTS = (
    FieldList(_("平成10年施行(12分野)"), datetime.date(1998, 12, 1), (
        F.HEALTH, F.SOCIAL_EDUCATION, F.COMMUNITY, F.CULTURE, F.ENVIRONMENT, F.DISASTER,
        F.SAFETY, F.HUMAN_RIGHTS, F.INTERNATIONAL, F.GENDER, F.CHILDREN, F.SUPPORT,
    )),
    FieldList(_("平成15年5月施行(17分野)"), datetime.date(2003, 5, 1), (
        F.HEALTH, F.SOCIAL_EDUCATION, F.COMMUNITY, F.CULTURE, F.ENVIRONMENT, F.DISASTER,
        F.SAFETY, F.HUMAN_RIGHTS, F.INTERNATIONAL, F.GENDER, F.CHILDREN, F.INFORMATION,
        F.SCIENCE, F.ECONOMY, F.EMPLOYMENT, F.CONSUMER, F.SUPPORT,
    )),
    FieldList(_("平成24年4月施行(20分野)"), datetime.date(2012, 4, 1), tuple(F)),
)
CURRENT_FIELDS = FIELD_LISTS[-1]

#: The 12-field list called 「文化、芸術又はスポーツ」 what later became 「学術、文化…」.
_OLD_WORDING = {(0, F.CULTURE): _("文化、芸術又はスポーツの振興を図る活動")}


def field_list_on(day):
    for field_list in reversed(FIELD_LISTS):
        if day >= field_list.since:
            return field_list
    return FIELD_LISTS[0]


def field_list_for_fiscal_year(year):
    """The list in force on the last day of 年度 ``year`` (31 March of the next year)."""
    return field_list_on(datetime.date(year + 1, 3, 31))


def field_label(key, fiscal_year=None):
    if fiscal_year is not None:
        index = FIELD_LISTS.index(field_list_for_fiscal_year(fiscal_year))
        if (index, key) in _OLD_WORDING:
            return _OLD_WORDING[(index, key)]
    return ActivityField(key).label


def field_choices(fiscal_year=None):
    """(key, "n 名称") in the numbering in force for ``fiscal_year`` (the current list if None)."""
    field_list = CURRENT_FIELDS if fiscal_year is None else field_list_for_fiscal_year(fiscal_year)
    return [(key.value if hasattr(key, "value") else key,
             f"{n}. {field_label(key, fiscal_year)}")
            for n, key in enumerate(field_list.keys, start=1)]


class CollaborationForm(models.TextChoices):
    """協働の形態 — a project may take several (複数選択)."""

    COMMISSION = "commission", _("委託")
    SUBSIDY = "subsidy", _("補助・助成")
    CO_HOSTING = "co_hosting", _("共催")
    COMMITTEE = "committee", _("実行委員会・協議会")
    COOPERATION = "cooperation", _("事業協力")
    ENDORSEMENT = "endorsement", _("後援")
    INFORMATION = "information", _("情報提供・情報交換")
    POLICY = "policy", _("政策形成への参画")
    OTHER = "other", _("その他")


#: Hokkaido's 協働評価実施要綱 evaluates projects in these forms only (DOMAIN-NOTES §3).
EVALUATED_FORMS = frozenset({
    CollaborationForm.CO_HOSTING, CollaborationForm.COOPERATION, CollaborationForm.COMMITTEE,
    CollaborationForm.COMMISSION,
})


class PartnerType(models.TextChoices):
    """協働の相手の種別."""

    NPO = "npo", _("NPO法人")
    VOLUNTARY = "voluntary", _("任意団体")
    VOLUNTEER = "volunteer", _("ボランティア団体")
    NEIGHBOURHOOD = "neighbourhood", _("自治会・町内会")
    COMPANY = "company", _("企業")
    UNIVERSITY = "university", _("大学等")
    OTHER = "other", _("その他")


def _normalise(text):
    return unicodedata.normalize("NFKC", str(text)).strip().replace(" ", "").replace("　", "")


def lookup(choices_class, text, *, extra=None):
    """A choice's value from its value, its label or an alias (for imports); None if unknown."""
    wanted = _normalise(text)
    for choice in choices_class:
        if wanted in (_normalise(choice.value), _normalise(choice.label)):
            return choice.value
    for alias, value in (extra or {}).items():
        if wanted == _normalise(alias):
            return value
    return None


FORM_ALIASES = {"情報提供・交換": "information", "情報交換": "information", "情報提供": "information",
                "補助": "subsidy", "助成": "subsidy", "実行委員会": "committee", "協議会": "committee",
                "政策提言": "policy", "事業協力・協定": "cooperation", "協定": "cooperation"}
PARTNER_TYPE_ALIASES = {"NPO": "npo", "特定非営利活動法人": "npo", "町内会": "neighbourhood",
                        "自治会": "neighbourhood", "大学": "university", "事業者": "company",
                        "市民活動団体": "voluntary"}


def lookup_field(text, fiscal_year):
    """A field key from its number in that year's list, its key, its full or short name."""
    field_list = field_list_for_fiscal_year(fiscal_year)
    wanted = _normalise(text)
    if wanted.isdigit():
        n = int(wanted)
        return field_list.keys[n - 1].value if 1 <= n <= len(field_list.keys) else None
    for key in field_list.keys:
        names = (key.value, key.label, FIELD_SHORT[key], field_label(key, fiscal_year))
        if wanted in {_normalise(name) for name in names}:
            return key.value
    return None
