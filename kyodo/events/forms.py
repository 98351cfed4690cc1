"""Forms of the event pages and staff screens; every field is one of core's typed inputs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.core import inputs
from kyodo.core.widgets import use_department_picker

from .models import MAX_GROUP_SEATS, AgeBand, Event, Feedback, Kind, Session

WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
WHEN_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"]
FEES = [("", _("すべて")), ("free", _("無料")), ("paid", _("有料"))]
WHENS = [("upcoming", _("これから")), ("past", _("終了したもの")), ("all", _("すべて"))]


class EmailField(forms.EmailField):
    """An e-mail address as typed with a Japanese input method: full-width letters, digits, ＠
    and ． are folded (NFKC), not refused."""

    def to_python(self, value):
        return super().to_python(inputs.fold(value) if isinstance(value, str) else value)


class EventFilterForm(forms.Form):
    """The list's filters (read with query_value, one by one, in the view)."""

    kind = forms.ChoiceField(label=_("種類"), required=False, choices=[("", _("すべて")), *Kind.choices])
    month = inputs.YearMonthField(label=_("開催月"), required=False, help_text=_("例: 2026-12"))
    organisation = forms.ChoiceField(label=_("主催団体"), required=False)
    area = forms.ChoiceField(label=_("地域"), required=False)
    fee = forms.ChoiceField(label=_("参加費"), required=False, choices=FEES)
    when = forms.ChoiceField(label=_("時期"), required=False, choices=WHENS)

    def __init__(self, *args, organisations=(), areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("すべて"))] + [(o.slug, o.name) for o in organisations]
        self.fields["area"].choices = [("", _("すべて"))] + [(a, a) for a in areas]
        if len(organisations) < 2:
            del self.fields["organisation"]
        if not areas:
            del self.fields["area"]


class RegistrationForm(forms.Form):
    """The registration form, without an account (works without JavaScript)."""

    form_token = forms.CharField(widget=forms.HiddenInput, max_length=40)
    session = inputs.ModelChoiceField(label=_("参加する日時"), queryset=Session.objects.none(), empty_label=None)
    seats = inputs.CountField(label=_("人数"), min_value=1, max_value=MAX_GROUP_SEATS, initial=1)
    name = inputs.TextField(label=_("氏名"), max_length=60, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    name_kana = inputs.TextField(label=_("ふりがな"), max_length=100, required=False)
    email = EmailField(label=_("メールアドレス"), max_length=254,
                       help_text=_("受付番号と、繰り上げ・中止などのお知らせを送ります。"),
                       widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = inputs.PhoneField(label=_("電話番号"), required=False)
    group_name = inputs.TextField(label=_("所属団体"), max_length=100, required=False)
    age_band = forms.ChoiceField(label=_("年代"), required=False, choices=[("", "—"), *AgeBand.choices])
    area = inputs.TextField(label=_("お住まいの地域"), max_length=60, required=False, help_text=_("例: 札幌市中央区"))
    needs = inputs.TextField(label=_("必要な配慮"), max_length=1000, required=False,
                             help_text=_("車いす席、手話通訳、託児、資料の拡大など。"),
                             widget=forms.Textarea(attrs={"rows": 2}))
    waitlist = forms.BooleanField(label=_("満席のときはキャンセル待ちに登録する"), required=False,
                                  help_text=_("席が空くと申込順に自動で繰り上がり、メールでお知らせします。"))
    consent = forms.BooleanField(
        label=_("個人情報の取扱いに同意します"),
        error_messages={"required": _("お申込みには個人情報の取扱いへの同意が必要です。")},
        help_text=_("氏名と連絡先は、このイベントの連絡のためだけに主催課が使い、公開しません。"
                    "開催後、定められた期間が過ぎると消去します。"))

    def __init__(self, *args, event, sessions, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = self.session_label
        if event.max_seats_per_registration <= 1:
            del self.fields["seats"]
        else:
            self.fields["seats"].max_value = event.max_seats_per_registration
            self.fields["seats"].help_text = _("団体でまとめて申し込むときは人数を入れてください(%(n)d人まで)。") % {
                "n": event.max_seats_per_registration}
        for flag, name in (("ask_group", "group_name"), ("ask_age_band", "age_band"), ("ask_area", "area")):
            if not getattr(event, flag):
                del self.fields[name]
        if user is not None and user.is_authenticated:
            for name in ("name", "email"):
                self.fields[name].disabled = True
            self.fields["name"].initial = user.display_name or user.email
            self.fields["email"].initial = user.email

    @staticmethod
    def session_label(session):
        from .notices import when_text

        label = f"{session.label} " if session.label else ""
        if session.is_full:
            state = _("満席(キャンセル待ち)")
        else:
            state = _("残り%(n)d席") % {"n": session.seats_left}
        return f"{label}{when_text(session)} — {state}"

    def registration_data(self):
        data = {name: self.cleaned_data.get(name) for name in (
            "name", "name_kana", "email", "phone", "group_name", "age_band", "area", "needs", "waitlist", "consent")}
        data["seats"] = self.cleaned_data.get("seats") or 1
        return data


class StatusForm(forms.Form):
    receipt = inputs.TextField(label=_("受付番号"), max_length=20, help_text=_("例: R8-E0012"))
    email = EmailField(label=_("メールアドレス"), max_length=254)


class EventForm(inputs.ModelForm):
    class Meta:
        model = Event
        fields = ["title", "title_kana", "kind", "audience", "department", "partners", "summary", "programme",
                  "speakers", "area", "online", "venue", "address", "access", "fee", "fee_note", "wheelchair",
                  "sign_language", "childcare", "accessibility_note", "registration_required",
                  "registration_opens", "registration_closes", "max_seats_per_registration", "ask_group",
                  "ask_age_band", "ask_area", "contact"]
        widgets = {"registration_opens": WHEN, "registration_closes": WHEN,
                   "summary": forms.Textarea(attrs={"rows": 4}), "programme": forms.Textarea(attrs={"rows": 4}),
                   "speakers": forms.Textarea(attrs={"rows": 2}), "access": forms.Textarea(attrs={"rows": 2}),
                   "accessibility_note": forms.Textarea(attrs={"rows": 2}),
                   "partners": forms.CheckboxSelectMultiple}

    def __init__(self, *args, departments, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        # The tree with full paths and a search box (two 総務課 are told apart), still only the
        # departments the actor may organise for.
        use_department_picker(self.fields["department"], self.instance.organisation,
                              only={d.pk for d in departments}, multiple=False)
        self.fields["partners"].queryset = partners
        self.fields["partners"].required = False
        for name in ("registration_opens", "registration_closes"):
            self.fields[name].input_formats = WHEN_FORMATS


class SessionForm(inputs.ModelForm):
    class Meta:
        model = Session
        fields = ["label", "starts_at", "ends_at", "capacity"]
        widgets = {"starts_at": WHEN, "ends_at": WHEN}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = WHEN_FORMATS


class CheckInForm(forms.Form):
    receipt = inputs.TextField(label=_("受付番号で受付"), max_length=20, help_text=_("例: R8-E0012"))


class WalkInForm(forms.Form):
    walk_ins = inputs.CountField(label=_("当日参加(申込なし)の人数"), min_value=0, max_value=100000)


class CancelEventForm(forms.Form):
    reason = inputs.TextField(label=_("中止の理由"), max_length=500, help_text=_("申込者へのメールに載ります。"))


class FeedbackForm(inputs.ModelForm):
    class Meta:
        model = Feedback
        fields = ["satisfaction", "usefulness", "join_again", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}


class ReportForm(forms.Form):
    participants = inputs.CountField(label=_("参加者数"), min_value=0, max_value=100000)
    summary = inputs.TextField(label=_("概要"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    captions = inputs.TextField(
        label=_("写真の説明"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("1行に1枚ずつ、写真に写っているものを書きます(画面を読み上げる方にも伝わります)。"))
    publish = forms.BooleanField(label=_("報告を公開する"), required=False)

    def __init__(self, *args, published=False, **kwargs):
        super().__init__(*args, **kwargs)
        if published:  # already public: no publish box; a change is a correction with its reason
            del self.fields["publish"]
            self.fields["reason"] = inputs.TextField(
                label=_("訂正の理由"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("公開中の報告を変えるときに書きます。公開ページに、日付とともに表示されます。"))

    def caption_lines(self):
        return [line.strip()[:200] for line in (self.cleaned_data.get("captions") or "").splitlines() if line.strip()]


class FileForm(forms.Form):
    title = inputs.TextField(label=_("資料名"), max_length=150, help_text=_("例: チラシ、当日の次第、講演資料"))
    file = forms.FileField(label=_("ファイル(PDF・Word・Excel・PowerPoint・画像、10MBまで)"))

    def clean_file(self):
        from .models import FILE_MAX_BYTES, FILE_TYPES

        upload = self.cleaned_data["file"]
        kind = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if upload.size > FILE_MAX_BYTES:
            raise forms.ValidationError(_("ファイルは10MBまでにしてください。"))
        head = upload.read(8)
        upload.seek(0)
        if kind not in FILE_TYPES or not head.startswith(FILE_TYPES[kind]):
            raise forms.ValidationError(_("PDF・Word・Excel・PowerPoint・JPEG・PNGのファイルにしてください。"))
        self.kind = kind
        return upload


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("写真(JPEG・PNG、5MBまで)"))
    caption = inputs.TextField(label=_("写真の説明"), max_length=200,
                               help_text=_("写っているものを書きます(画面を読み上げる方にも伝わります)。"))

    PHOTO_TYPES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}
    PHOTO_MAX_BYTES = 5 * 1024 * 1024

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        if photo.size > self.PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("写真は5MBまでにしてください。"))
        head = photo.read(8)
        photo.seek(0)
        if not any(head.startswith(magic) for magic in self.PHOTO_TYPES):
            raise forms.ValidationError(_("写真はJPEGかPNGの画像にしてください。"))
        return photo
