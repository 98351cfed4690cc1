"""Demo data for 市民活動インフォメーション: 北海道's desks in its 14 支庁 (seed 004, H17:
「支庁に市民活動インフォメーションの設置」), each run by the 支庁's 地域政策部, with a year of
consultation counts. The 支庁 and the municipalities they covered are those of the H17 era;
places, hours, telephone numbers and counts are illustrative. A desk staff account
(desk@hokkaido.example.jp, 石狩支庁 地域政策部) keeps 石狩's log; the coordinator keeps all.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from kyodo.core import actions as core_actions
from kyodo.core.japanese import fiscal_year
from kyodo.core.models import Department, RoleAssignment, User

from .models import Channel, Consultation, Desk, DeskHours, Topic

ORG = "北海道"
DESK_STAFF = ("desk@hokkaido.example.jp", "窓口 石狩", "石狩支庁")

# 支庁, seat (place, postal code, address), phone, municipalities of the area (H17), weight
SHICHO = [
    ("空知支庁", "岩見沢市", "068-8558", "岩見沢市8条西5丁目", "0126-20-0031",
     "夕張市 岩見沢市 美唄市 芦別市 赤平市 三笠市 滝川市 砂川市 歌志内市 深川市 南幌町 奈井江町 上砂川町 由仁町 長沼町 栗山町 月形町 浦臼町 新十津川町 妹背牛町 秩父別町 雨竜町 北竜町 沼田町", 5),
    ("石狩支庁", "札幌市", "060-8558", "札幌市中央区北3条西7丁目", "011-231-4111",
     "札幌市 江別市 千歳市 恵庭市 北広島市 石狩市 当別町 新篠津村", 10),
    ("後志支庁", "倶知安町", "044-8588", "虻田郡倶知安町北1条東2丁目", "0136-23-1311",
     "小樽市 島牧村 寿都町 黒松内町 蘭越町 ニセコ町 真狩村 留寿都村 喜茂別町 京極町 倶知安町 共和町 岩内町 泊村 神恵内村 積丹町 古平町 仁木町 余市町 赤井川村", 5),
    ("胆振支庁", "室蘭市", "051-8558", "室蘭市海岸町1丁目4-1", "0143-22-5111",
     "室蘭市 苫小牧市 登別市 伊達市 豊浦町 壮瞥町 白老町 厚真町 洞爺湖町 安平町 むかわ町", 6),
    ("日高支庁", "浦河町", "057-8558", "浦河郡浦河町栄丘東通56", "0146-22-9111",
     "日高町 平取町 新冠町 浦河町 様似町 えりも町 新ひだか町", 2),
    ("渡島支庁", "函館市", "041-8558", "函館市美原4丁目6-16", "0138-47-9111",
     "函館市 北斗市 松前町 福島町 知内町 木古内町 七飯町 鹿部町 森町 八雲町 長万部町", 6),
    ("檜山支庁", "江差町", "043-8558", "檜山郡江差町字陣屋町336-3", "0139-52-6411",
     "江差町 上ノ国町 厚沢部町 乙部町 奥尻町 今金町 せたな町", 2),
    ("上川支庁", "旭川市", "079-8610", "旭川市永山6条19丁目1-1", "0166-46-5111",
     "旭川市 士別市 名寄市 富良野市 鷹栖町 東神楽町 当麻町 比布町 愛別町 上川町 東川町 美瑛町 上富良野町 中富良野町 南富良野町 占冠村 和寒町 剣淵町 下川町 美深町 音威子府村 中川町 幌加内町", 7),
    ("留萌支庁", "留萌市", "077-8585", "留萌市住之江町2丁目1-2", "0164-42-8411",
     "留萌市 増毛町 小平町 苫前町 羽幌町 初山別村 遠別町 天塩町", 2),
    ("宗谷支庁", "稚内市", "097-8558", "稚内市末広4丁目2-27", "0162-33-2511",
     "稚内市 猿払村 浜頓別町 中頓別町 枝幸町 豊富町 礼文町 利尻町 利尻富士町 幌延町", 2),
    ("網走支庁", "網走市", "093-8585", "網走市北7条西3丁目", "0152-41-0611",
     "北見市 網走市 紋別市 美幌町 津別町 斜里町 清里町 小清水町 訓子府町 置戸町 佐呂間町 遠軽町 湧別町 滝上町 興部町 西興部村 雄武町 大空町", 5),
    ("十勝支庁", "帯広市", "080-8588", "帯広市東3条南3丁目1", "0155-26-9111",
     "帯広市 音更町 士幌町 上士幌町 鹿追町 新得町 清水町 芽室町 中札内村 更別村 大樹町 広尾町 幕別町 池田町 豊頃町 本別町 足寄町 陸別町 浦幌町", 6),
    ("釧路支庁", "釧路市", "085-8588", "釧路市浦見2丁目2-54", "0154-43-9111",
     "釧路市 釧路町 厚岸町 浜中町 標茶町 弟子屈町 鶴居村 白糠町", 4),
    ("根室支庁", "根室市", "087-8588", "根室市常盤町3丁目28", "0153-23-5111",
     "根室市 別海町 中標津町 標津町 羅臼町", 3),
]

SERVICES = ("NPO法人の設立や運営についてのご相談\nボランティア活動をしたい方・受け入れたい方へのご案内\n"
            "助成金・補助制度の情報提供\n行政との協働事業についてのご相談\n市民活動団体の紹介")
#: How often each topic comes up (a year's counts are drawn from these weights).
TOPIC_WEIGHTS = {Topic.NPO_ESTABLISHMENT: 6, Topic.VOLUNTEERING: 5, Topic.FUNDING: 5, Topic.COLLABORATION: 3,
                 Topic.PUBLICITY: 2, Topic.VENUES: 2, Topic.NETWORKING: 2, Topic.ACCOUNTING: 3, Topic.OTHER: 2}
CHANNEL_WEIGHTS = {Channel.VISIT: 6, Channel.PHONE: 5, Channel.EMAIL: 2, Channel.FAX: 1, Channel.OUTREACH: 1}


def _department(organisation, shicho):
    top, _created = Department.objects.get_or_create(
        organisation=organisation, parent=None, name=shicho, defaults={"kind": Department.Kind.BUREAU,
                                                                       "sort_order": 900})
    unit, _created = Department.objects.get_or_create(
        organisation=organisation, parent=top, name="地域政策部", defaults={"kind": Department.Kind.BUREAU,
                                                                        "sort_order": 10})
    return unit


def _desk_staff(department):
    from kyodo.core.demo.world import DEMO_PASSWORD

    email, name, _shicho = DESK_STAFF
    if not RoleAssignment.objects.filter(user__email=email, role="department_staff", department=department).exists():
        core_actions.assign_role(None, email=email, role="department_staff", organisation=department.organisation,
                                 department=department, display_name=name, accepted=True)
    user = User.objects.get(email=email)
    if not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def load(world):
    organisation = world["organisations"][ORG]
    by_name = {o.name: o for o in world["organisations"].values()}
    with transaction.atomic():
        desks = []
        for order, (shicho, city, postal, address, phone, towns, weight) in enumerate(SHICHO, start=1):
            department = _department(organisation, shicho)
            desk, _created = Desk.objects.update_or_create(
                organisation=organisation, name=f"{shicho}市民活動インフォメーション",
                defaults={
                    "department": department, "area_name": f"{shicho}管内",
                    "municipalities": "\n".join(towns.split()),
                    "place": f"{shicho}庁舎 地域政策部 地域政策課内", "postal_code": postal, "address": address,
                    "access": f"{city}の中心部から路線バスで約10分", "phone": phone,
                    "services": SERVICES, "opened_on": datetime.date(2005, 4, 1), "is_public": True,
                    "sort_order": order,
                    "notes": "市民活動に関することなら、どなたでもお気軽にご相談ください。相談は無料です。",
                })
            desk.covered_organisations.set([by_name[t] for t in towns.split() if t in by_name])
            if not desk.hours.exists():
                DeskHours.objects.create(desk=desk, weekdays="01234", opens=datetime.time(8, 45),
                                         closes=datetime.time(17, 30), note="祝日・年末年始を除く")
                if shicho == "石狩支庁":
                    DeskHours.objects.create(desk=desk, weekdays="2", opens=datetime.time(17, 30),
                                             closes=datetime.time(19, 0), note="水曜は夜間相談(要予約)",
                                             sort_order=1)
            desks.append((desk, weight))
            if shicho == DESK_STAFF[2]:
                _desk_staff(department)
        load_consultations(desks)


def load_consultations(desks):
    """The past twelve months of each desk, one line per day with consultations (by weight)."""
    if Consultation.objects.filter(desk__in=[d for d, _w in desks]).exists():
        return
    rng = random.Random(2005)
    today = timezone.localdate()
    recorder = User.objects.filter(email="coordinator@hokkaido.example.jp").first()
    topics, topic_weights = list(TOPIC_WEIGHTS), list(TOPIC_WEIGHTS.values())
    channels, channel_weights = list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values())
    lines = []
    for desk, weight in desks:
        for back in range(365, 0, -1):
            day = today - datetime.timedelta(days=back)
            if day.weekday() >= 5 or rng.random() > weight / 12:
                continue
            for _ in range(rng.randint(1, 2)):
                lines.append(Consultation(
                    desk=desk, date=day, fiscal_year=fiscal_year(day),
                    topic=rng.choices(topics, topic_weights)[0], channel=rng.choices(channels, channel_weights)[0],
                    count=rng.randint(1, 3), recorded_by=recorder))
    Consultation.objects.bulk_create(lines, batch_size=1000)
