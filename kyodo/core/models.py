"""Organisations, departments, people and their roles, and the audit log.

This is the ground every module stands on: a prefecture and its municipalities (SPEC §1), each
with its departments (部局 → 課・室), the people who work in them or take part, and the roles
of SPEC §2 that say what each may do (the rules themselves live in ``rules.py``).
"""

from datetime import timedelta

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .japanese import validate_local_government_code


class Organisation(models.Model):
    """地方公共団体 — a prefecture or a municipality that runs its own space on the platform."""

    class Kind(models.TextChoices):
        PREFECTURE = "prefecture", _("都道府県")
        DESIGNATED_CITY = "designated_city", _("政令指定都市")
        CITY = "city", _("市")
        TOWN = "town", _("町")
        VILLAGE = "village", _("村")

    name = models.CharField(_("名称"), max_length=50, unique=True)
    name_kana = models.CharField(_("よみがな"), max_length=100)
    name_en = models.CharField(_("英語名"), max_length=100, blank=True)
    slug = models.SlugField(
        _("URL名"), max_length=40, unique=True,
        help_text=_("URLに使う半角英小文字(例: sapporo)"),
    )
    kind = models.CharField(_("種別"), max_length=20, choices=Kind.choices)
    local_government_code = models.CharField(
        _("全国地方公共団体コード"), max_length=6, unique=True,
        validators=[validate_local_government_code],
        help_text=_("検査数字を含む6桁(例: 011002)"),
    )
    prefecture = models.ForeignKey(
        "self", verbose_name=_("都道府県"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="municipalities",
        limit_choices_to={"kind": Kind.PREFECTURE},
    )
    description = models.TextField(_("紹介"), blank=True)
    website = models.URLField(_("公式ウェブサイト"), blank=True)
    address = models.CharField(_("所在地"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("団体")
        verbose_name_plural = _("団体")
        ordering = ["local_government_code"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("core:organisation", args=[self.slug])

    def clean(self):
        if self.kind == self.Kind.PREFECTURE and self.prefecture_id:
            raise ValidationError({"prefecture": _("都道府県には上位の都道府県を指定できません。")})
        if self.kind != self.Kind.PREFECTURE and self.prefecture_id is None:
            raise ValidationError({"prefecture": _("市区町村には所属する都道府県を指定してください。")})
        code = self.local_government_code or ""
        if self.prefecture_id and len(code) == 6 and self.prefecture.local_government_code[:2] != code[:2]:
            raise ValidationError({
                "local_government_code": _("団体コードの先頭2桁が都道府県のコードと一致しません。")
            })

    @property
    def audit_organisation_id(self):
        return self.pk


class Department(models.Model):
    """部局・課・室 — a unit of an organisation; units nest (部局 → 室 → 課)."""

    class Kind(models.TextChoices):
        BUREAU = "bureau", _("部局")
        OFFICE = "office", _("室")
        DIVISION = "division", _("課")
        SECTION = "section", _("係・担当")
        FACILITY = "facility", _("施設・センター")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("団体"), on_delete=models.CASCADE, related_name="departments"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("上位の組織"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    name = models.CharField(_("名称"), max_length=60)
    kind = models.CharField(_("種別"), max_length=20, choices=Kind.choices)
    sort_order = models.PositiveIntegerField(_("表示順"), default=0)
    phone = models.CharField(_("電話番号"), max_length=20, blank=True)
    email = models.EmailField(_("メールアドレス"), blank=True)
    description = models.TextField(_("所掌事務"), blank=True)

    class Meta:
        verbose_name = _("部署")
        verbose_name_plural = _("部署")
        ordering = ["organisation", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "parent", "name"], name="department_unique_name_in_parent",
                violation_error_message=_("同じ上位組織の下に同じ名称の部署がすでにあります。"),
            ),
            models.UniqueConstraint(
                fields=["organisation", "name"], condition=models.Q(parent__isnull=True),
                name="department_unique_top_level_name",
                violation_error_message=_("同じ名称の部局がすでにあります。"),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.parent_id is None:
            return
        if self.parent.organisation_id != self.organisation_id:
            raise ValidationError({"parent": _("上位の組織は同じ団体の部署から選んでください。")})
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("自分自身やその下位の部署を上位の組織にはできません。")})
            ancestor = ancestor.parent

    @property
    def audit_organisation_id(self):
        return self.organisation_id


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account; they sign in with their e-mail address."""

    email = models.EmailField(_("メールアドレス"), unique=True)
    display_name = models.CharField(_("表示名"), max_length=60, blank=True)
    is_active = models.BooleanField(_("有効"), default=True)
    is_staff = models.BooleanField(
        _("Django管理画面"), default=False,
        help_text=_("開発・保守用の管理画面に入れる。通常の業務権限は役割で与える。"),
    )
    date_joined = models.DateTimeField(_("登録日時"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("利用者")
        verbose_name_plural = _("利用者")

    def __str__(self):
        return self.display_name or self.email


class Role(models.TextChoices):
    """The roles of SPEC §2 that are granted (visitor and citizen need no grant)."""

    COUNCIL_MEMBER = "council_member", _("市民会議委員")
    PARTNER_MEMBER = "partner_member", _("協働団体メンバー")
    DEPARTMENT_STAFF = "department_staff", _("職員")
    RECEPTION_DESK = "reception_desk", _("受付窓口")
    COORDINATOR = "coordinator", _("主管課")
    REVIEWER = "reviewer", _("審査委員")
    ORG_ADMIN = "org_admin", _("団体管理者")
    PLATFORM_ADMIN = "platform_admin", _("プラットフォーム管理者")


#: Roles that act for a department and so must name one.
DEPARTMENT_ROLES = frozenset({Role.DEPARTMENT_STAFF, Role.RECEPTION_DESK, Role.COORDINATOR})
#: Roles held by staff of the organisation (their writes are staff writes).
STAFF_ROLES = frozenset(DEPARTMENT_ROLES | {Role.ORG_ADMIN})
#: Roles that must protect their account with a second factor.
MFA_REQUIRED_ROLES = frozenset(STAFF_ROLES | {Role.PLATFORM_ADMIN})


DUPLICATE_ROLE_MESSAGE = _("この利用者にはすでに同じ役割が付与されています。")


class InvitedGrant:
    """A grant to an account that takes effect only once the holder of its address accepts an
    invitation sent after the grant (``Invitation``): a role, a partner membership, a council
    member's account link. Whoever signs up first with a new colleague's predictable address
    therefore receives nothing. Each grant model names its fields here; ``kyodo.core.invitations``
    finds every model with this mixin, so accepting an invitation accepts all of them."""

    #: The account the grant is made to.
    grant_user_field = "user"
    #: When the holder accepted (empty: invited, not yet effective).
    grant_accepted_field = "accepted_at"
    #: The path from the grant to its organisation (for the staff screens' resend action).
    grant_organisation_path = "organisation"


class RoleAssignment(InvitedGrant, models.Model):
    """役割の付与 — one role held by one person in one organisation (and department); it counts
    once the person has accepted the invitation (``accepted_at``)."""

    user = models.ForeignKey(
        User, verbose_name=_("利用者"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("役割"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("団体"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="role_assignments",
    )
    department = models.ForeignKey(
        Department, verbose_name=_("部署"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="role_assignments",
    )
    granted_at = models.DateTimeField(_("付与日時"), default=timezone.now)
    accepted_at = models.DateTimeField(_("承認日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("役割")
        verbose_name_plural = _("役割")
        ordering = ["organisation", "role", "id"]
        constraints = [
            # NULLs are distinct in SQL, so each shape of scope gets its own constraint.
            models.UniqueConstraint(
                fields=["user", "role", "organisation", "department"],
                condition=models.Q(department__isnull=False),
                name="role_assignment_unique_in_department",
                violation_error_message=DUPLICATE_ROLE_MESSAGE,
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=models.Q(department__isnull=True, organisation__isnull=False),
                name="role_assignment_unique_in_organisation",
                violation_error_message=DUPLICATE_ROLE_MESSAGE,
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(organisation__isnull=True),
                name="role_assignment_unique_platform",
                violation_error_message=DUPLICATE_ROLE_MESSAGE,
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="role_assignment_known_role",
                violation_error_message=_("不明な役割です。"),
            ),
        ]

    def __str__(self):
        where = self.department or self.organisation or _("全体")
        return f"{self.user} — {self.get_role_display()} ({where})"

    def describe_grant(self):
        where = " ".join(str(x) for x in (self.organisation, self.department) if x)
        return f"{where or _('プラットフォーム全体')}の{self.get_role_display()}"

    def clean(self):
        if self.role not in Role.values:
            raise ValidationError({"role": _("不明な役割です。")})
        if self.role == Role.PLATFORM_ADMIN:
            if self.organisation_id or self.department_id:
                raise ValidationError(_("プラットフォーム管理者は団体・部署を指定せずに付与します。"))
            return
        if self.organisation_id is None:
            raise ValidationError({"organisation": _("団体を指定してください。")})
        if self.role in DEPARTMENT_ROLES and self.department_id is None:
            raise ValidationError({"department": _("この役割には部署の指定が必要です。")})
        if self.department_id and self.department.organisation_id != self.organisation_id:
            raise ValidationError({"department": _("部署は同じ団体のものを選んでください。")})

    @property
    def audit_organisation_id(self):
        return self.organisation_id


class Invitation(models.Model):
    """招待 — a single-use link mailed to the address of an account that was granted something.

    Opening it (signed in as that account, or setting the account's password) proves control
    of the address after the grant and makes the account's pending grants effective. Only a
    hash of the token is stored, so the table alone opens nothing."""

    #: How long a link stays valid.
    VALID_FOR = timedelta(days=14)

    user = models.ForeignKey(
        User, verbose_name=_("招待された利用者"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("送信先"))
    token_hash = models.CharField(_("トークンのハッシュ"), max_length=64, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("招待した団体"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="invitations",
    )
    sent_by = models.ForeignKey(
        User, verbose_name=_("送信した人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    sent_at = models.DateTimeField(_("送信日時"), default=timezone.now)
    expires_at = models.DateTimeField(_("有効期限"))
    used_at = models.DateTimeField(_("使用日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("招待")
        verbose_name_plural = _("招待")
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"{self.email} ({self.sent_at:%Y-%m-%d})"

    def is_open(self, now=None):
        return self.used_at is None and (now or timezone.now()) < self.expires_at

    @property
    def audit_organisation_id(self):
        return self.organisation_id


class AuditEntryManager(LogEntryManager):
    """Files each entry under the organisation the changed object belongs to."""

    def log_create(self, instance, force_log=False, **kwargs):
        kwargs.setdefault("organisation_id", getattr(instance, "audit_organisation_id", None))
        return super().log_create(instance, force_log=force_log, **kwargs)

    def log_m2m_changes(self, changed_queryset, instance, operation, field_name, **kwargs):
        kwargs.setdefault("organisation_id", getattr(instance, "audit_organisation_id", None))
        return super().log_m2m_changes(changed_queryset, instance, operation, field_name, **kwargs)


class AuditEntry(AbstractLogEntry):
    """監査ログ — who changed what, when, with the values before and after (django-auditlog)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("団体"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_index=True,
    )

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("監査ログ")
        verbose_name_plural = _("監査ログ")
        indexes = [models.Index(fields=["organisation", "-timestamp"], name="audit_org_time")]


# Notifications and corrections live with their one path (notify.py, corrections.py); imported
# here so that the app registers their models.
from .corrections import Correction  # noqa: E402,F401
from .notify import Notification  # noqa: E402,F401
from .reminders import SentReminder  # noqa: E402,F401
from .retention import RetentionPolicy  # noqa: E402,F401
