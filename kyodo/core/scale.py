"""Scale data (``manage.py generate_scale``): the shared machinery, and the foundation's part.

The command fills the database with deterministic, plausible Japanese data on top of the
demo, so that pages, queries and exports can be measured at three sizes (issue 7):

    scale  municipalities  fiscal years  rows in each big table
    s            2               5            about 1,000
    m           20              20            about 100,000
    l          200              20            about 1,000,000

The big tables are lecture requests, progress reports, collaboration projects, evaluation
ratings (councils' and collaboration's, half each) and audit entries; the others follow from
them (a municipality has its departments, plans, councils, partners…). Everything generated
belongs to generated municipalities (slug ``scale-…``, fictional names, 団体コード 01750–01999
with a valid check digit) under the demo's 北海道, so ``--replace`` can find and delete exactly
that data and the demo's own pages keep their story. One public page (a year's survey report,
a plan's dashboard, a year's lecture statistics) covers what one real municipality has.

Each app with scale data has a ``scale.py`` exposing ``generate(ctx)`` and ``purge(orgs)``;
the command calls them in INSTALLED_APPS order (purge in the reverse order). Rows are written
with :class:`Table`, which assigns primary keys itself (so children can point at parents
without reading them back), builds plain tuples instead of model instances, and writes them in
batches with ``executemany`` (SQLite) or ``COPY`` (PostgreSQL) — several times faster than
``bulk_create`` at a million rows. Its rows skip ``save()`` and signals: no audit entries or
cache invalidation happen by themselves, so audit entries are generated here explicitly and
the command invalidates the page cache at the end.
"""

import datetime
import json
import random
import time
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

from .japanese import fiscal_year, local_government_code_check_digit
from .models import AuditEntry, Department, Organisation, Role, RoleAssignment, User

TOKYO = ZoneInfo("Asia/Tokyo")
UTC = datetime.timezone.utc
SLUG_PREFIX = "scale-"
EMAIL_DOMAIN = "scale.example.jp"
FIRST_CODE_BODY = 750  # 01750–01999: no real municipality of 北海道 has these codes


@dataclass(frozen=True)
class Scale:
    """How much to generate: municipalities, fiscal years, and the rows of each big table."""

    name: str
    organisations: int
    years: int
    rows: int  # each big table; the ratings tables take half each

    def per_org_year(self, total):
        return max(1, round(total / (self.organisations * self.years)))


SCALES = {
    "s": Scale("s", organisations=2, years=5, rows=1_000),
    "m": Scale("m", organisations=20, years=20, rows=100_000),
    "l": Scale("l", organisations=200, years=20, rows=1_000_000),
    # For tests only: the shape of ``s`` at a tenth of its rows.
    "xs": Scale("xs", organisations=2, years=3, rows=100),
}


# --- Vocabularies ---------------------------------------------------------------------------------

SURNAMES = (
    "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 "
    "清水 山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 "
    "青木 坂本 斉藤 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 中川 松田 竹内 小野 田村 中山 "
    "和田 石田 森田 上田 原 柴田 酒井 工藤 横山 宮崎 宮本 内田 高木 安藤 島田 谷口 大野 丸山 今井 "
    "高田 藤本 武田 村田 上野 杉山 増田 小山 大塚 平野 菅原 久保 松井 千葉 岩崎 桜井 木下 野口 松尾"
).split()
GIVEN_NAMES = (
    "太郎 一郎 健 誠 修 浩 隆 大輔 翔太 拓也 健太 直樹 和也 剛 亮 悠斗 陽翔 蓮 大和 湊 "
    "花子 恵子 陽子 由美 美咲 さくら 直子 和子 久美子 真理 愛 舞 彩 結衣 陽菜 葵 凛 美穂 千尋 明美"
).split()

# Fictional place names in the manner of 北海道's (reading in kana after the slash).
PLACE_HEADS = [p.split("/") for p in (
    "緑/みどり 若葉/わかば 白樺/しらかば 鈴蘭/すずらん 朝日/あさひ 月見/つきみ 星置/ほしおき "
    "鶴見/つるみ 鷹栖野/たかすの 鹿追野/しかおいの 茂尻/もしり 幌内/ほろない 歌志/うたし 岩見/いわみ "
    "栄/さかえ 豊浦野/とようらの 富良/ふら 幸/さいわい 恵庭野/えにわの 宝/たから 美原/みはら "
    "清水沢/しみずさわ 北進/ほくしん 東雲/しののめ 西浜/にしはま 南丘/みなみおか 中標/なかしべ "
    "上幌/かみほろ 下川原/しもかわら 新栄/しんえい 大沼/おおぬま 小樽内/おたるない 音羽/おとわ "
    "青葉/あおば 雪見/ゆきみ 湖畔/こはん 桜木/さくらぎ 菊水/きくすい 日高野/ひだかの 鵡/むかわ"
).split()]
PLACE_TAILS = [p.split("/") for p in (
    "野/の 沢/さわ 川/かわ 原/はら 丘/おか 浜/はま 森/もり 岡/おか 別/べつ 内/ない 泊/とまり "
    "里/さと 浦/うら 台/だい 平/だいら 谷/や 田/た".split()
)]
DISTRICTS = "本町 栄町 緑町 旭町 錦町 幸町 大通 中央 北町 南町 東町 西町 新町 港町 朝日町 若葉台".split()

# A municipality's departments: (bureau, [divisions]); towns and villages keep only divisions.
DEPARTMENT_TREE = [
    ("総務部", ["総務課", "職員課", "財政課", "契約管財課", "防災危機管理課"]),
    ("企画政策部", ["企画課", "広報広聴課", "情報政策課", "行政改革推進課"]),
    ("市民生活部", ["市民協働推進課", "戸籍住民課", "生活安全課", "市民活動支援課"]),
    ("保健福祉部", ["福祉総務課", "高齢者支援課", "障がい福祉課", "健康推進課"]),
    ("子ども未来部", ["子育て支援課", "保育課", "青少年課"]),
    ("環境部", ["環境政策課", "ごみ減量推進課"]),
    ("経済部", ["商工労働課", "観光振興課", "農林水産課"]),
    ("建設部", ["都市計画課", "道路河川課", "公園緑地課", "建築指導課"]),
    ("教育委員会", ["生涯学習課", "学校教育課", "文化スポーツ課"]),
]


def person(rng):
    return f"{rng.choice(SURNAMES)} {rng.choice(GIVEN_NAMES)}"


def jst(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TOKYO)


def day_in_fiscal_year(rng, year, first_month=4, months=12):
    """A day within ``months`` months of 年度 ``year`` counted from ``first_month``."""
    offset = rng.randrange(months)
    month = (first_month - 1 + offset) % 12 + 1
    calendar_year = year if month >= 4 else year + 1
    return datetime.date(calendar_year, month, rng.randint(1, 28))


# --- Writing rows fast ----------------------------------------------------------------------------

class Table:
    """Rows of one model written in batches, with primary keys assigned here.

    ``columns`` are attribute names (``organisation_id``); every other concrete field gets its
    default (``auto_now`` fields and callable defaults are evaluated once, at ``ctx.now``), or
    NULL if nullable. ``add`` takes the values in column order and returns the new row's pk.
    """

    def __init__(self, ctx, model, columns, *, batch=5_000):
        self.ctx, self.model, self.batch = ctx, model, batch
        meta = model._meta
        given = {name: meta.get_field(name) for name in columns}  # by name or attname
        self.fields = [meta.pk] + list(given.values())
        self.extra = []
        for f in meta.concrete_fields:
            if f.primary_key or f in given.values():
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = ctx.now
            elif f.has_default() or (f.empty_strings_allowed and not f.null):
                value = f.get_default()  # "" for a text field without a default
            elif f.null:
                value = None
            else:
                raise ValueError(f"{meta.label}.{f.name} needs a value")
            self.fields.append(f)
            self.extra.append(value)
        self.extra = tuple(self.extra)
        self.preps = [self._prep(f) for f in self.fields]
        self.sql_columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        self.table = connection.ops.quote_name(meta.db_table)
        self.next_id = (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1
        self.rows = []
        self.count = 0
        ctx.tables.append(self)

    @staticmethod
    def _prep(f):
        """How a value reaches the database, where the driver cannot take it as it is.

        Short cuts of ``get_db_prep_save`` (which costs more than building the row): SQLite
        stores datetimes as naive UTC text, dates and decimals as text; psycopg's COPY takes
        Python values and needs only JSON serialised.
        """
        if isinstance(f, models.JSONField):
            return lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
        if connection.vendor == "postgresql":
            return None
        if isinstance(f, models.DateTimeField):
            return lambda v: None if v is None else v.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
        if isinstance(f, (models.DateField, models.TimeField)):
            return lambda v: None if v is None else v.isoformat()
        if isinstance(f, (models.DecimalField, models.GenericIPAddressField)):
            return lambda v, f=f: f.get_db_prep_save(v, connection)
        return None

    def add(self, *values):
        pk = self.next_id
        self.next_id += 1
        self.rows.append((pk, *values, *self.extra))
        if len(self.rows) >= self.batch:
            self.flush()
        return pk

    def flush(self):
        if not self.rows:
            return
        rows = self.rows
        preps = [(i, p) for i, p in enumerate(self.preps) if p is not None]
        if preps:
            converted = []
            for row in rows:
                row = list(row)
                for i, prep in preps:
                    row[i] = prep(row[i])
                converted.append(row)
            rows = converted
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {self.table} ({self.sql_columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                cursor.executemany(f"INSERT INTO {self.table} ({self.sql_columns}) VALUES ({marks})",
                                   rows)
        self.count += len(self.rows)
        self.rows = []


@dataclass
class Context:
    """What every module's ``generate`` receives: the scale, seeded randomness, the generated
    municipalities with their departments and staff, and the tables being written."""

    scale: Scale
    seed: int
    stdout: object = None
    now: datetime.datetime = field(default_factory=timezone.now)
    tables: list = field(default_factory=list)
    organisations: list = field(default_factory=list)  # [Org]
    audit: object = None
    content_types: dict = field(default_factory=dict)

    def __post_init__(self):
        self.last_year = fiscal_year(timezone.localdate())
        self.first_year = self.last_year - self.scale.years + 1
        self.years = range(self.first_year, self.last_year + 1)

    def rng(self, *key):
        """A random generator of its own for each key, so one module's draws never shift
        another's (adding a table to plans leaves the lectures unchanged)."""
        return random.Random("-".join(str(k) for k in (self.seed, *key)))

    def table(self, model, columns, **kwargs):
        return Table(self, model, columns, **kwargs)

    def flush(self):
        for table in self.tables:
            table.flush()
        if connection.vendor == "postgresql":
            models_ = {t.model for t in self.tables}
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(models_)):
                    cursor.execute(sql)

    def counts(self):
        """Rows written per model label, and forget the tables (their module is done)."""
        result = {}
        for table in self.tables:
            if table is self.audit:
                continue
            result[table.model._meta.label] = result.get(table.model._meta.label, 0) + table.count
        self.tables = [t for t in self.tables if t is self.audit]
        return result

    def log(self, org, model, pk, text, when, *, action=AuditEntry.Action.CREATE, changes=None,
            actor=None):
        """An audit entry as django-auditlog would have written it for this change."""
        content_type = self.content_types.get(model)
        if content_type is None:
            content_type = self.content_types[model] = ContentType.objects.get_for_model(model).pk
        self.audit.add(content_type, str(pk), pk, text, action, changes or {}, "", when,
                       actor.pk if actor else None, actor.email if actor else None, org.pk)


@dataclass
class Org:
    """A generated municipality as the modules see it."""

    pk: int
    name: str
    slug: str
    kind: str
    departments: list  # [(pk, name)] of divisions (課), in order
    bureaus: list  # [(pk, name)]
    staff: list  # [User]
    coordinator_department: int = 0

    @property
    def is_city(self):
        return self.kind == Organisation.Kind.CITY


# --- The foundation's part: municipalities, departments, staff, and the audit log --------------

def generate(ctx):
    hokkaido = Organisation.objects.get(slug="hokkaido")
    rng = ctx.rng("core")
    taken = set(Organisation.objects.values_list("name", flat=True))
    names = []
    while len(names) < ctx.scale.organisations:
        (head, head_kana), (tail, tail_kana) = rng.choice(PLACE_HEADS), rng.choice(PLACE_TAILS)
        kind, suffix, suffix_kana = rng.choices(
            [("city", "市", "し"), ("town", "町", "ちょう"), ("village", "村", "むら")],
            weights=[35, 55, 10])[0]
        name = f"{head}{tail}{suffix}"
        if name not in taken:
            taken.add(name)
            names.append((name, f"{head_kana}{tail_kana}{suffix_kana}", kind))
    organisations = ctx.table(Organisation, ["name", "name_kana", "name_en", "slug", "kind",
                                             "local_government_code", "prefecture_id",
                                             "description", "website", "address"])
    departments = ctx.table(Department, ["organisation_id", "parent_id", "name", "kind",
                                         "sort_order", "phone", "email", "description"])
    users = ctx.table(User, ["password", "last_login", "is_superuser", "email", "display_name",
                             "is_active", "is_staff", "date_joined"])
    roles = ctx.table(RoleAssignment, ["user_id", "role", "organisation_id", "department_id",
                                       "granted_at", "accepted_at"])
    for index, (name, kana, kind) in enumerate(names):
        body = f"01{FIRST_CODE_BODY + index}"
        slug = f"{SLUG_PREFIX}{index + 1:04d}"
        district = rng.choice(DISTRICTS)
        org_pk = organisations.add(
            name, kana, "", slug, kind, body + str(local_government_code_check_digit(body)),
            hokkaido.pk, f"{name}は北海道の{'市' if kind == 'city' else '町村'}です。市民参加と協働のまちづくりを進めています。",
            "", f"北海道{name}{district}{rng.randint(1, 9)}丁目{rng.randint(1, 30)}番地")
        org = Org(org_pk, name, slug, kind, [], [], [])
        phone = f"01{rng.randint(23, 68)}-{rng.randint(2, 9)}{rng.randint(0, 99):02d}"
        order = 0
        for bureau, divisions in DEPARTMENT_TREE:
            parent = None
            if kind == "city":
                order += 10
                parent = departments.add(org_pk, None, bureau, "bureau", order, "", "", "")
                org.bureaus.append((parent, bureau))
            for division in divisions:
                if kind != "city" and division not in ("総務課", "企画課") and rng.random() < 0.3:
                    continue  # a town does not have every division
                order += 10
                pk = departments.add(org_pk, parent, division, "division", order,
                                     f"{phone}-{1000 + order}", "", "")
                org.departments.append((pk, division))
                if division == "企画課":
                    org.coordinator_department = pk
        for number, (role, department) in enumerate(
                [(Role.COORDINATOR, org.coordinator_department), (Role.ORG_ADMIN, None)]
                + [(Role.DEPARTMENT_STAFF, pk) for pk, _name in org.departments[:6]]):
            email = f"{role.replace('_', '-')}{number}@{slug}.{EMAIL_DOMAIN}"
            user = User(email=email, display_name=person(rng))
            user.pk = users.add("!scale", None, False, email, user.display_name, True, False,
                                jst(ctx.first_year, 4, 1))
            roles.add(user.pk, role, org_pk, department, jst(ctx.first_year, 4, 1),
                      jst(ctx.first_year, 4, 1))
            org.staff.append(user)
        ctx.organisations.append(org)
    ctx.audit = ctx.table(AuditEntry, ["content_type_id", "object_pk", "object_id", "object_repr",
                                       "action", "changes", "changes_text", "timestamp", "actor_id",
                                       "actor_email", "organisation_id"], batch=10_000)


def finish(ctx):
    """After every module: the audit entries they asked for."""
    ctx.audit.flush()


def purge(organisations):
    """Delete the foundation's generated rows (after every module deleted its own)."""
    ids = organisations.values("pk")
    using = organisations.db
    AuditEntry.objects.filter(organisation__in=ids)._raw_delete(using)
    RoleAssignment.objects.filter(organisation__in=ids)._raw_delete(using)
    User.objects.filter(email__endswith=f".{EMAIL_DOMAIN}")._raw_delete(using)
    Department.objects.filter(organisation__in=ids)._raw_delete(using)
    # Organisations last; pk list first, as the filter would read the table being deleted.
    Organisation.objects.filter(pk__in=list(organisations.values_list("pk", flat=True)))._raw_delete(using)


def audit_sample(ctx, rng):
    """True for about one main object in three: the module then logs it.

    Reports, requests and projects together are three times the audit target, so logging a
    third of them gives about ``rows`` audit entries at every scale.
    """
    return rng.random() < 1 / 3


class Timer:
    def __init__(self):
        self.start = time.monotonic()

    @property
    def seconds(self):
        return time.monotonic() - self.start
