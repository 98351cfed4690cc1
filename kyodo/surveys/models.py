"""アンケート・市民満足度調査 — surveys (issue 17 §3–§8; seed 000: 「市民は満足しているかの評価」).

    Survey 調査 ─ previous 前回の調査 (the series a round belongs to), plan 計画, evaluation_round 評価
     ├ SurveyQuestion 設問 (kind, choices, bounds, required, show_if: branching on an earlier answer)
     ├ SurveyInvitation 回答用コード (single-use, for a sampled 市民満足度調査)
     ├ SurveyResponse 回答 (attributes: age band, area, gender, relation; channel web/paper)
     │  └ SurveyAnswer 回答値 (one row per choice / matrix row / value)
     └ SurveyAnalysis 自由記述の分析 (stored result of textanalysis, computed in the background)

A response holds no name or contact; for a survey answered by account it points to the user
(only to refuse a second answer) — that link is never shown, exported or sent by the API.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core.inputs import MAX_COUNT
from kyodo.core.models import Department, Organisation

#: 年代 — the age bands of municipal surveys.
AGE_BANDS = [("10s", _("10代")), ("20s", _("20代")), ("30s", _("30代")), ("40s", _("40代")),
             ("50s", _("50代")), ("60s", _("60代")), ("70s", _("70歳以上"))]
GENDERS = [("female", _("女性")), ("male", _("男性")), ("other", _("その他")), ("none", _("回答しない"))]
RELATIONS = [("resident", _("市内在住")), ("commuter", _("市内へ通勤・通学")), ("business", _("市内の事業者")),
             ("group", _("市内の団体・NPO")), ("other", _("その他"))]
#: The attributes a question can be cross-tabulated by, with their labels.
ATTRIBUTES = {"age_band": _("年代"), "area": _("お住まいの区・地域"), "gender": _("性別"),
              "relation": _("市との関わり")}
LIKERT_POINTS = 5


class Survey(models.Model):
    """調査 — one round of a survey (e.g. 令和8年度 市民満足度調査)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("準備中")
        OPEN = "open", _("実施中")
        CLOSED = "closed", _("締切")
        PUBLISHED = "published", _("結果公表")

    class Method(models.TextChoices):
        ACCOUNT = "account", _("ログインした方が1人1回")
        INVITATION = "invitation", _("回答用コード(無作為抽出の調査)")
        OPEN = "open", _("どなたでも(送信回数を制限)")

    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="surveys")
    department = models.ForeignKey(Department, verbose_name=_("担当課"), on_delete=models.PROTECT,
                                   related_name="surveys", null=True, blank=True)
    title = models.CharField(_("調査名"), max_length=120)
    description = models.TextField(_("調査の目的・説明"), blank=True, max_length=4000)
    status = models.CharField(_("状態"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    method = models.CharField(_("回答の方法"), max_length=12, choices=Method.choices, default=Method.OPEN)
    opens_on = models.DateField(_("回答の受付開始日"))
    closes_on = models.DateField(_("回答の締切日"))
    areas = models.TextField(
        _("地域の選択肢"), blank=True, max_length=2000,
        help_text=_("回答者が選ぶ区・地域を1行に1つずつ書きます。空欄なら地域を尋ねません。"))
    ask_gender = models.BooleanField(_("性別を尋ねる(任意回答)"), default=False)
    previous = models.ForeignKey("self", verbose_name=_("前回の調査(比較する回)"), on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="next_rounds")
    plan = models.ForeignKey("plans.Plan", verbose_name=_("結果を示す計画"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="surveys")
    evaluation_round = models.ForeignKey(
        "councils.EvaluationRound", verbose_name=_("結果を示す市民会議の評価"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="surveys")
    results_summary = models.TextField(_("結果の概要"), blank=True, max_length=4000)
    published_at = models.DateTimeField(_("結果の公表日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("アンケート")
        verbose_name_plural = _("アンケート")
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self):
        return self.title

    @property
    def audit_organisation_id(self):
        return self.organisation_id

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("締切日は受付開始日より後の日にしてください。")})
        if self.previous_id and self.pk and self.previous_id == self.pk:
            raise ValidationError({"previous": _("前回の調査に同じ調査は選べません。")})
        if self.previous_id and self.previous.organisation_id != self.organisation_id:
            raise ValidationError({"previous": _("前回の調査は同じ団体の調査から選んでください。")})
        if self.plan_id and self.plan.organisation_id != self.organisation_id:
            raise ValidationError({"plan": _("同じ団体の計画を選んでください。")})

    def area_choices(self):
        return [line.strip() for line in self.areas.splitlines() if line.strip()]

    def accepting(self, today=None):
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.opens_on <= today <= self.closes_on

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class SurveyQuestion(models.Model):
    """設問 — one question of a survey."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("単一選択")
        MULTIPLE = "multiple", _("複数選択")
        LIKERT = "likert", _("5段階評価")
        NUMBER = "number", _("数値")
        DATE = "date", _("日付")
        TEXT = "text", _("自由記述")
        MATRIX = "matrix", _("マトリクス(複数項目の5段階評価)")

    CHOICE_KINDS = {Kind.SINGLE, Kind.MULTIPLE}
    SCALE_KINDS = {Kind.LIKERT, Kind.MATRIX}

    survey = models.ForeignKey(Survey, verbose_name=_("アンケート"), on_delete=models.CASCADE,
                               related_name="questions")
    number = models.PositiveSmallIntegerField(_("設問番号"), validators=[MinValueValidator(1),
                                                                     MaxValueValidator(999)])
    kind = models.CharField(_("設問の種類"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("設問文"), max_length=300)
    help_text = models.CharField(_("補足"), max_length=300, blank=True)
    required = models.BooleanField(_("回答必須"), default=False)
    choices = models.TextField(_("選択肢"), blank=True, max_length=4000,
                               help_text=_("単一・複数選択の選択肢、マトリクスの項目を1行に1つずつ書きます。"))
    low_label = models.CharField(_("評価の左端(1)の言葉"), max_length=30, blank=True, default="不満")
    high_label = models.CharField(_("評価の右端(5)の言葉"), max_length=30, blank=True, default="満足")
    min_value = models.IntegerField(_("最小値"), null=True, blank=True,
                                    validators=[MinValueValidator(-MAX_COUNT), MaxValueValidator(MAX_COUNT)])
    max_value = models.IntegerField(_("最大値"), null=True, blank=True,
                                    validators=[MinValueValidator(-MAX_COUNT), MaxValueValidator(MAX_COUNT)])
    show_if_question = models.ForeignKey(
        "self", verbose_name=_("この設問を出す条件(前の設問)"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="dependants")
    show_if_choices = models.CharField(
        _("条件となる回答"), max_length=200, blank=True,
        help_text=_("前の設問の選択肢の番号(1から)を「,」で区切ります。5段階評価なら評価の数字です。"))
    headline = models.BooleanField(
        _("満足度の代表設問"), default=False,
        help_text=_("計画のページと市民会議の評価に「満足」の割合を示す設問です。"))

    class Meta:
        verbose_name = _("設問")
        verbose_name_plural = _("設問")
        ordering = ["survey_id", "number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="surveys_question_number_unique")]

    def __str__(self):
        return f"問{self.number} {self.text}"

    @property
    def audit_organisation_id(self):
        return self.survey.organisation_id

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def condition_values(self):
        values = set()
        for part in self.show_if_choices.replace("、", ",").split(","):
            part = part.strip()
            if part.isdigit():
                values.add(int(part))
        return values

    def scale(self):
        """The 5 points of a Likert or matrix question with their labels (ends labelled)."""
        return [(1, f"1 {self.low_label}"), (2, "2"), (3, "3"), (4, "4"), (5, f"5 {self.high_label}")]

    def clean(self):
        errors = {}
        if self.kind in self.CHOICE_KINDS and len(self.choice_list()) < 2:
            errors["choices"] = _("選択肢を2つ以上書いてください。")
        if self.kind == self.Kind.MATRIX and not self.choice_list():
            errors["choices"] = _("マトリクスの項目を1つ以上書いてください。")
        if len(self.choice_list()) > 30:
            errors["choices"] = _("選択肢・項目は30までです。")
        if self.kind in self.SCALE_KINDS and not (self.low_label and self.high_label):
            errors["low_label"] = _("評価の両端の言葉を書いてください。")
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            errors["max_value"] = _("最大値は最小値以上にしてください。")
        if self.show_if_question_id:
            other = self.show_if_question
            if other.survey_id != self.survey_id or (self.number and other.number >= self.number):
                errors["show_if_question"] = _("条件には、この設問より前の設問を選んでください。")
            elif other.kind not in self.CHOICE_KINDS | {self.Kind.LIKERT}:
                errors["show_if_question"] = _("条件にできるのは選択式か5段階評価の設問です。")
            elif not self.condition_values():
                errors["show_if_choices"] = _("条件となる回答の番号を書いてください。")
        if errors:
            raise ValidationError(errors)


class SurveyInvitation(models.Model):
    """回答用コード — a single-use code printed on the letter sent to a sampled resident."""

    ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read from paper

    survey = models.ForeignKey(Survey, verbose_name=_("アンケート"), on_delete=models.CASCADE,
                               related_name="invitations")
    code = models.CharField(_("回答用コード"), max_length=12, unique=True)
    used_at = models.DateTimeField(_("使用日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("発行日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("回答用コード")
        verbose_name_plural = _("回答用コード")
        ordering = ["id"]

    def __str__(self):
        return self.code

    @property
    def audit_organisation_id(self):
        return self.survey.organisation_id

    @classmethod
    def new_code(cls):
        raw = "".join(secrets.choice(cls.ALPHABET) for _i in range(8))
        return f"{raw[:4]}-{raw[4:]}"


class SurveyResponse(models.Model):
    """回答 — one person's answers, with the attributes used to compare groups."""

    class Channel(models.TextChoices):
        WEB = "web", _("ウェブ")
        PAPER = "paper", _("郵送(紙)")
        COUNTER = "counter", _("窓口")
        EVENT = "event", _("イベント会場")

    PERSONAL_FIELDS = ["user"]

    survey = models.ForeignKey(Survey, verbose_name=_("アンケート"), on_delete=models.CASCADE,
                               related_name="responses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("回答者のアカウント"),
                             on_delete=models.SET_NULL, null=True, blank=True, related_name="survey_responses")
    invitation = models.OneToOneField(SurveyInvitation, verbose_name=_("回答用コード"), on_delete=models.PROTECT,
                                      null=True, blank=True, related_name="response")
    channel = models.CharField(_("回答の経路"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("代理入力した職員"),
                                   on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    age_band = models.CharField(_("年代"), max_length=4, choices=AGE_BANDS, blank=True)
    area = models.CharField(_("お住まいの区・地域"), max_length=60, blank=True)
    gender = models.CharField(_("性別"), max_length=8, choices=GENDERS, blank=True)
    relation = models.CharField(_("市との関わり"), max_length=10, choices=RELATIONS, blank=True)
    submitted_at = models.DateTimeField(_("回答日時"), default=timezone.now)

    class Meta:
        verbose_name = _("回答")
        verbose_name_plural = _("回答")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="surveys_one_answer_per_account")]

    def __str__(self):
        return f"{self.survey_id}-{self.pk}"

    @property
    def audit_organisation_id(self):
        return self.survey.organisation_id


class SurveyAnswer(models.Model):
    """回答値 — one value: the chosen option (number from 1), the Likert point, a matrix row's
    point (``row`` from 1), a number, a date or a text."""

    response = models.ForeignKey(SurveyResponse, verbose_name=_("回答"), on_delete=models.CASCADE,
                                 related_name="answers")
    question = models.ForeignKey(SurveyQuestion, verbose_name=_("設問"), on_delete=models.CASCADE,
                                 related_name="answers")
    row = models.PositiveSmallIntegerField(_("項目"), default=0)
    value = models.IntegerField(_("値"), null=True, blank=True)
    date = models.DateField(_("日付"), null=True, blank=True)
    text = models.TextField(_("記述"), blank=True, max_length=4000)

    class Meta:
        verbose_name = _("回答値")
        verbose_name_plural = _("回答値")
        indexes = [models.Index(fields=["question", "row", "value"])]


class WordAnalysis(models.Model):
    """自由記述の分析 — the stored result of a word analysis run in the background
    (``textanalysis.run_and_store``): its status and progress while it runs, then the result,
    the network picture, the time it took and its peak memory. Surveys analyse a free-text
    question (``SurveyAnalysis``); public comment a call's comments (publiccomment.CommentAnalysis)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("待機中")
        RUNNING = "running", _("分析中")
        DONE = "done", _("完了")
        FAILED = "failed", _("失敗")

    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("分析済みの回答数"), default=0)
    total = models.PositiveIntegerField(_("回答数"), default=0)
    result = models.JSONField(_("結果"), default=dict, blank=True)
    network_svg = models.TextField(_("共起ネットワーク図"), blank=True)
    started_at = models.DateTimeField(_("開始日時"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完了日時"), null=True, blank=True)
    seconds = models.FloatField(_("所要時間(秒)"), null=True, blank=True)
    peak_memory_mb = models.FloatField(_("最大メモリ(MB)"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def percent(self):
        return int(100 * self.done / self.total) if self.total else (100 if self.status == self.Status.DONE else 0)

    @property
    def in_progress(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class SurveyAnalysis(WordAnalysis):
    """自由記述の分析 — the stored result of the word analysis of one free-text question."""

    question = models.OneToOneField(SurveyQuestion, verbose_name=_("設問"), on_delete=models.CASCADE,
                                    related_name="analysis")

    class Meta:
        verbose_name = _("自由記述の分析")
        verbose_name_plural = _("自由記述の分析")

    def __str__(self):
        return str(self.question)
