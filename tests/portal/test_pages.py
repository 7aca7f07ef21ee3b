"""Every public page, in each language: what a visitor, a search engine and a screen reader rely on,
and the source document's facts, in the visitor's language."""

import re

import pytest

from incubators.models import Incubator
from portal.catalogue.actions import actions_for
from programs.models import Programme
from tests.factories import ProgrammeFactory
from tests.markup import parse

LANGUAGES = ["zh-hant", "en", "zh-hans"]
PROGRAMME_SLUGS = [
    "gba-entrepreneurship",
    "internship-subsidy",
    "hk-special-internship",
    "one-stop-service-office",
    "training",
    "city-integration",
]
# Paths without the language prefix.
PAGES = [
    "/",
    "/incubators/",
    "/incubators/workshop/",
    "/incubators/community-7plus/",
    "/programmes/",
    *[f"/programmes/{slug}/" for slug in PROGRAMME_SLUGS],
    "/subsidies/",
    "/lodging/",
    "/contact/",
    "/privacy/",
]
SERVER = "http://testserver"

pytestmark = pytest.mark.usefixtures("catalogue")


def numbers(text: str) -> str:
    """Digits as a reader compares them: "1,000" and "1000" are the same amount."""
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


@pytest.fixture
def get(client):
    def fetch(path):
        response = client.get(path)
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        return response

    return fetch


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_public_page_is_complete_in_each_language(get, language, path):
    url = f"/{language}{path}"
    response = get(url)
    doc = parse(response.content)

    assert doc.find("html").attrs.get("lang") == language
    title = doc.find("title").text
    assert title and not title.startswith("|"), f"empty page title: {title!r}"
    description = doc.find("meta", name="description").attrs.get("content", "")
    assert description.strip(), "no meta description"
    assert doc.find("link", rel="canonical").attrs["href"] == SERVER + url

    alternates = {
        link.attrs["hreflang"]: link.attrs["href"] for link in doc.find_all("link", rel="alternate")
    }
    assert alternates == {
        "zh-hant": f"{SERVER}/zh-hant{path}",
        "en": f"{SERVER}/en{path}",
        "zh-hans": f"{SERVER}/zh-hans{path}",
        "x-default": f"{SERVER}/zh-hant{path}",
    }

    crumbs = doc.find("nav", cls="breadcrumb").find_all("li")
    assert crumbs, "empty breadcrumb"
    assert crumbs[-1].find_all(aria_current="page"), "the breadcrumb does not mark the current page"
    if path != "/":
        assert crumbs[0].find("a").attrs["href"] == f"/{language}/"

    footer_links = doc.find("footer").links()
    assert f"/{language}/contact/" in footer_links
    assert f"/{language}/privacy/" in footer_links

    body_links = doc.find("body").links()
    for other in LANGUAGES:
        assert f"/{other}{path}" in body_links, f"no link to this page in {other}"

    # Anonymous catalogue pages are shared by every visitor (and cached): no cookie may be set.
    assert "Set-Cookie" not in response.headers
    assert not response.cookies


def test_language_switcher_leads_to_the_same_page_in_the_other_languages(page):
    doc = page("/en/incubators/workshop/")

    switcher = [a for a in doc.find("body").find_all("a") if a.attrs.get("lang")]
    targets = {a.attrs["lang"]: a.attrs["href"] for a in switcher}

    assert targets == {
        "zh-hant": "/zh-hant/incubators/workshop/",
        "en": "/en/incubators/workshop/",
        "zh-hans": "/zh-hans/incubators/workshop/",
    }
    current = [a for a in switcher if a.attrs.get("aria-current")]
    assert [a.attrs["lang"] for a in current] == ["en"]


def test_language_switcher_keeps_the_filters(page):
    doc = page("/en/programmes/?category=internship")

    assert "/zh-hant/programmes/?category=internship" in doc.find("body").links()


@pytest.mark.parametrize(
    "accept_language, target",
    [
        ("zh-HK", "/zh-hant/"),
        ("zh-MO", "/zh-hant/"),
        ("zh-TW", "/zh-hant/"),
        ("zh-HK,zh;q=0.9,en;q=0.8", "/zh-hant/"),
        ("zh-Hant-HK", "/zh-hant/"),
        ("zh", "/zh-hant/"),
        ("zh-CN", "/zh-hans/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("zh-SG", "/zh-hans/"),
        ("en-GB", "/en/"),
        ("en-US,en;q=0.9", "/en/"),
        ("fr", "/zh-hant/"),
        ("fr-FR,en;q=0.5", "/en/"),
        ("", "/zh-hant/"),
        (None, "/zh-hant/"),
    ],
)
def test_root_sends_visitors_to_their_language(client, accept_language, target):
    headers = {} if accept_language is None else {"HTTP_ACCEPT_LANGUAGE": accept_language}

    response = client.get("/", **headers)

    assert response.status_code == 302
    assert response["Location"] == target
    assert "Accept-Language" in response["Vary"]


def test_unknown_base_is_not_found(client):
    assert client.get("/en/incubators/no-such-base/").status_code == 404


def test_unknown_programme_is_not_found(client):
    assert client.get("/zh-hant/programmes/no-such-programme/").status_code == 404


def test_unpublished_base_is_neither_listed_nor_shown(client, page):
    Incubator.objects.filter(slug="community-7plus").update(is_published=False)

    assert client.get("/en/incubators/community-7plus/").status_code == 404
    assert "/en/incubators/community-7plus/" not in page("/en/incubators/").find("main").links()
    assert "/en/incubators/community-7plus/" not in page("/en/").find("main").links()


def test_unpublished_programme_is_neither_listed_nor_shown(client, page):
    Programme.objects.filter(slug="training").update(is_published=False)

    assert client.get("/en/programmes/training/").status_code == 404
    assert "/en/programmes/training/" not in page("/en/programmes/").find("main").links()


def test_programme_list_links_every_programme(page):
    links = page("/en/programmes/").find("main").links()

    assert [link for link in links if link.startswith("/en/programmes/")] == [
        f"/en/programmes/{slug}/" for slug in PROGRAMME_SLUGS
    ]


# --- the source document's facts, in each language ---------------------------------------

# What a reader of each language must find, word for word, as the catalogue gives it.
WORDS = {
    "zh-hant": {
        "workshop": "粵港澳青年創新創業工場（福田）",
        "community": "香港青年福田創新創業社區",
        "opened": "2018年8月",
        "tower": "長富金茂大廈",
        "fields": ["人工智能", "物聯網", "醫療科技", "新材料"],
        "maker space": "國家眾創空間",
        "workshop services": [
            "創業輔導",
            "政策解讀",
            "人才對接",
            "貸款融資",
            "宣傳推介",
            "市場拓展",
            "人才住房",
            "城市融入",
            "交際交友",
        ],
        "plus services": ["空間+", "政策+", "資金+", "社區+", "項目+", "平台+", "服務+"],
        "road": "藍花道6號",
        "lab": "共享實驗室",
        "equipment": ["超純水機", "三輥機", "通風櫥"],
        "floor": "6樓",
        "tiers": ["大專", "本科", "碩士", "博士"],
        "cyberport": "香港數碼港",
        "one-stop services": ["就業輔導", "創業輔導", "工商登記", "開設對公賬號"],
        "courses": ["創業類", "職場類", "興趣類"],
        "activities": [
            "香港青年福田研學旅遊",
            "同心同根國旗升，香港青少年看改革",
            "三城兩語頌祖國",
            "深港台贛青少年夏令營",
        ],
        "apartment": ["一個月短租免費公寓", "最長不超過一年"],
        "youth station": "7天免費酒店住宿",
    },
    "en": {
        "workshop": "Guangdong-Hong Kong-Macao Youth Innovation and Entrepreneurship Workshop (Futian)",
        "community": "Hong Kong Youth Futian Innovation and Entrepreneurship Community",
        "opened": "August 2018",
        "tower": "Changfu Jinmao Tower",
        "fields": ["Artificial intelligence", "Internet of Things", "Medical technology", "New materials"],
        "maker space": "National maker space",
        "workshop services": [
            "Entrepreneurship coaching",
            "Policy interpretation",
            "Talent matching",
            "Loans and financing",
            "Publicity",
            "Market expansion",
            "Talent housing",
            "City integration",
            "Social networking",
        ],
        "plus services": ["Space+", "Policy+", "Capital+", "Community+", "Project+", "Platform+", "Service+"],
        "road": "6 Lanhua Road",
        "lab": "Shared laboratory",
        "equipment": ["Ultra-pure water machine", "Three-roll mill", "Fume hood"],
        "floor": "6/F",
        "tiers": ["Associate degree", "Bachelor's degree", "Master's degree", "Doctorate"],
        "cyberport": "Hong Kong Cyberport",
        "one-stop services": [
            "Employment counselling",
            "Entrepreneurship counselling",
            "Company registration",
            "Opening a corporate bank account",
        ],
        "courses": ["Entrepreneurship", "Career", "Interest"],
        "activities": [
            "Hong Kong Youth Futian Study Tour",
            "Same Heart, Same Roots: Flag Raising — Hong Kong Youth See the Reform",
            "Three Cities, Two Languages Praise the Motherland",
            "Shenzhen-Hong Kong-Taiwan-Jiangxi Youth Summer Camp",
        ],
    },
    "zh-hans": {
        "workshop": "粤港澳青年创新创业工场（福田）",
        "community": "香港青年福田创新创业社区",
        "opened": "2018年8月",
        "tower": "长富金茂大厦",
        "fields": ["人工智能", "物联网", "医疗科技", "新材料"],
        "maker space": "国家众创空间",
        "workshop services": [
            "创业辅导",
            "政策解读",
            "人才对接",
            "贷款融资",
            "宣传推介",
            "市场拓展",
            "人才住房",
            "城市融入",
            "交际交友",
        ],
        "plus services": ["空间+", "政策+", "资金+", "社区+", "项目+", "平台+", "服务+"],
        "road": "蓝花道6号",
        "lab": "共享实验室",
        "equipment": ["超纯水机", "三辊机", "通风橱"],
        "floor": "6楼",
        "tiers": ["大专", "本科", "硕士", "博士"],
        "cyberport": "香港数码港",
        "one-stop services": ["就业辅导", "创业辅导", "工商登记", "开设对公账号"],
        "courses": ["创业类", "职场类", "兴趣类"],
        "activities": [
            "香港青年福田研学旅游",
            "同心同根国旗升，香港青少年看改革",
            "三城两语颂祖国",
            "深港台赣青少年夏令营",
        ],
        "apartment": ["一个月短租免费公寓", "最长不超过一年"],
        "youth station": "7天免费酒店住宿",
    },
}
KM = r"\s*(km|公里)"
M2 = r"\s*(m²|平方米)"


@pytest.mark.parametrize("language", LANGUAGES)
def test_workshop_page_gives_the_documents_facts(page, language):
    words = WORDS[language]
    main = page(f"/{language}/incubators/workshop/").find("main")
    facts = numbers(main.find("dl", cls="facts").text)

    assert main.find("h1").text == words["workshop"]
    assert re.search(r"2\.4" + KM, facts), facts
    assert re.search(r"3\.1" + KM, facts), facts
    assert re.search(r"3500" + M2, facts), facts
    assert words["opened"] in facts
    assert words["tower"] in facts
    for field_name in words["fields"]:
        assert field_name in facts

    # Chinese pages write the percentage in full-width brackets: 21（91%）.
    results = numbers(main.find("dl", cls="figures").text).replace("（", " (").replace("）", ")")
    for figure in ["23", "21 (91%)", "358", "54", "199"]:
        assert figure in results, f"{figure} missing from {results}"
    assert "277.5" in results or "2.775" in main.text
    assert words["maker space"] in main.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_workshop_services_are_listed(page, language):
    main = page(f"/{language}/incubators/workshop/").find("main")

    for service in WORDS[language]["workshop services"]:
        assert service in main.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_community_page_gives_the_documents_facts(page, language):
    words = WORDS[language]
    main = page(f"/{language}/incubators/community-7plus/").find("main")

    assert words["community"] in main.find("h1").text
    assert re.search(r"4000" + M2, numbers(main.find("dl", cls="facts").text))
    assert words["road"] in main.text
    chips = [li.text for ul in main.find_all("ul", cls="chips") for li in ul.find_all("li")]
    for service in words["plus services"]:
        assert service in chips, f"{service} not listed as a service"
    lab = main.find("article", id="shared-lab")
    assert words["lab"] in lab.text
    for item in words["equipment"]:
        assert item in lab.text
    assert main.find("article", id="trouble-maker")
    assert main.find("article", id="business-transit-station")
    results = main.find("dl", cls="figures").text
    assert "39" in results and "19" in results


@pytest.mark.parametrize("language", LANGUAGES)
def test_community_address_names_the_floor_once(page, language):
    facts = page(f"/{language}/incubators/community-7plus/").find("main").find("dl", cls="facts")
    text = "".join(dd.text for dd in facts.find_all("dd")).replace(" ", "")

    assert text.count(WORDS[language]["floor"]) == 1, text


@pytest.mark.parametrize("language", LANGUAGES)
def test_official_chinese_names_appear_exactly(page, language):
    text = page(f"/{language}/").find("main").text

    assert WORDS[language]["workshop"] in text
    assert WORDS[language]["community"] in text
    if language == "zh-hant":
        assert WORDS["zh-hans"]["workshop"] not in text
    if language == "zh-hans":
        assert WORDS["zh-hant"]["workshop"] not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_subsidy_page_gives_the_four_monthly_amounts(page, language):
    table = page(f"/{language}/subsidies/").find("main").find("table")
    rows = {row.find("th").text: row.find("td").text for row in table.find("tbody").find_all("tr")}

    assert {name: numbers(amount) for name, amount in rows.items()} == dict(
        zip(WORDS[language]["tiers"], ["1000", "1500", "2500", "4500"], strict=True)
    )
    if language == "en":
        assert list(rows.values()) == ["1,000", "1,500", "2,500", "4,500"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "slug, figure",
    [("hk-special-internship", "327"), ("one-stop-service-office", "76"), ("gba-entrepreneurship", "10")],
)
def test_programme_pages_give_the_reported_figures(page, language, slug, figure):
    main = page(f"/{language}/programmes/{slug}/").find("main")

    assert figure in [dd.text for dd in main.find("dl", cls="figures").find_all("dd")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_programme_figures_are_on_the_programme_list_too(page, language):
    text = page(f"/{language}/programmes/").find("main").text

    for figure in ["327", "76", "10"]:
        assert re.search(rf"\b{figure}\b", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_entrepreneurship_programme_names_its_partner(page, language):
    main = page(f"/{language}/programmes/gba-entrepreneurship/").find("main")

    assert WORDS[language]["cyberport"] in main.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_stop_office_lists_its_free_agency_services(page, language):
    main = page(f"/{language}/programmes/one-stop-service-office/").find("main")

    for service in WORDS[language]["one-stop services"]:
        assert service in main.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_training_page_lists_the_three_course_categories(page, language):
    main = page(f"/{language}/programmes/training/").find("main")

    assert [h3.text for h3 in main.find_all("h3")] == WORDS[language]["courses"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_city_integration_page_names_the_four_activities(page, language):
    main = page(f"/{language}/programmes/city-integration/").find("main")

    assert [h3.text for h3 in main.find_all("h3")] == WORDS[language]["activities"]


def test_lodging_page_gives_the_rules_in_english(page):
    main = page("/en/lodging/").find("main")
    apartment = main.find("article", id="talent-apartment").text
    youth_station = main.find("article", id="youth-station").text

    assert "1 month free" in apartment
    assert "50% of the market rent" in apartment
    assert "Longest lease 12 months" in apartment
    assert "up to 7 nights" in youth_station


@pytest.mark.parametrize("language", ["zh-hant", "zh-hans"])
def test_lodging_page_gives_the_rules_in_chinese(page, language):
    main = page(f"/{language}/lodging/").find("main")
    apartment = main.find("article", id="talent-apartment")
    youth_station = main.find("article", id="youth-station")
    apartment_rules = [dd.text for dd in apartment.find_all("dd")]

    assert any(re.search(r"\b1\b", rule) for rule in apartment_rules), apartment_rules
    assert any("50%" in rule for rule in apartment_rules), apartment_rules
    assert any(re.search(r"\b12\b", rule) for rule in apartment_rules), apartment_rules
    assert any(re.search(r"\b7\b", dd.text) for dd in youth_station.find_all("dd"))
    for words in WORDS[language]["apartment"]:
        assert words in apartment.text
    assert WORDS[language]["youth station"] in youth_station.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_reports_the_headline_figures(page, language):
    text = page(f"/{language}/").find("main").text

    for figure in ["7,500", "23", "39", "358", "327", "76"]:
        assert figure in text, f"{figure} missing from the home page"


# --- Saying only what the document says ----------------------------------------------------

FINANCING = {"zh-hant": "人民幣2.775億元", "en": "RMB 277.5 million", "zh-hans": "人民币2.775亿元"}
AS_OF_APRIL_2021 = {"zh-hant": "截至2021年4月", "en": "as of April 2021", "zh-hans": "截至2021年4月"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_figures_say_they_are_as_of_april_2021(page, language):
    figures = page(f"/{language}/").find("section", aria_labelledby="figures-title")

    assert AS_OF_APRIL_2021[language] in figures.text
    assert FINANCING[language] in figures.find("dl", cls="figures").text


@pytest.mark.parametrize("language", LANGUAGES)
def test_workshop_financing_reads_as_each_language_counts_it(page, language):
    main = page(f"/{language}/incubators/workshop/").find("main")

    assert FINANCING[language] in main.find("dl", cls="figures").text
    assert FINANCING[language] in main.find("div", cls="prose").text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", PROGRAMME_SLUGS)
def test_only_a_programme_with_an_online_application_says_applications_are_open(page, language, slug):
    main = page(f"/{language}/programmes/{slug}/").find("main")
    facts = [dt.text for dt in main.find("dl", cls="facts").find_all("dt")]
    applications = {"zh-hant": "申請", "en": "Applications", "zh-hans": "申请"}[language]

    if slug == "internship-subsidy":
        assert applications in facts
        assert not main.find_all("section", aria_labelledby="contact-title")
    elif actions_for(Programme.objects.get(slug=slug)):
        # Booked online on its app's own pages (courses, events): the page sends visitors there.
        assert applications not in facts
        assert not main.find_all("section", aria_labelledby="contact-title")
        assert main.find_all("ul", cls="catalogue-actions")
    else:
        assert applications not in facts
        contact = main.find("section", aria_labelledby="contact-title")
        assert f"/{language}/contact/" in contact.links()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_office_details_staff_fill_in_are_on_the_pages_that_send_applicants_to_it(page, language):
    from programs.models import Office

    office = Office.current()
    office.name_zh_hant, office.name_en, office.name_zh_hans = (
        "福田團區委辦事處",
        "Futian committee office",
        "福田团区委办公室",
    )
    office.hours_zh_hant, office.hours_en, office.hours_zh_hans = (
        "星期一至五",
        "Monday to Friday",
        "星期一至五",
    )
    office.phone = "+86 755 8391 0000"
    office.save()

    # Every seeded programme has an online way now; one staff add without one sends people to the office.
    ProgrammeFactory(slug="no-online-way")
    for path in ["/programmes/no-online-way/", "/contact/"]:
        text = page(f"/{language}{path}").find("main").text
        column = language.replace("-", "_")
        assert getattr(office, f"name_{column}") in text, path
        assert getattr(office, f"hours_{column}") in text, path
        assert "+86 755 8391 0000" in text, path


def test_lodging_page_states_no_rule_the_document_does_not_give(page):
    for language in LANGUAGES:
        main = page(f"/{language}/lodging/").find("main")
        overtime = main.find("article", id="overtime-station").text
        apartment = main.find("article", id="talent-apartment").text
        youth_station = main.find("article", id="youth-station").text
        on_application = {"zh-hant": "依申請安排", "en": "On application", "zh-hans": "依申请安排"}[language]

        assert "1 night" not in overtime and "1 晚" not in overtime and "1晚" not in overtime
        assert on_application not in overtime and on_application not in apartment
        assert on_application in youth_station


@pytest.mark.parametrize("language", LANGUAGES)
def test_subsidy_rules_the_document_does_not_give_are_shown_as_the_offices_settings(page, language):
    from programs.models import Office
    from subsidies.models import SubsidyScheme

    SubsidyScheme.objects.update(max_months=9)
    office = Office.current()
    office.youngest_age = 18
    office.save()

    rules = page(f"/{language}/subsidies/").find("section", aria_labelledby="rules-title")

    assert (
        rules.find("h2").text
        == {"zh-hant": "由辦事處訂定", "en": "Set by the office", "zh-hans": "由办公室设定"}[language]
    )
    assert re.search(r"\b9\b", rules.text) and re.search(r"\b18\b", rules.text), rules.text
    assert "12" not in rules.text and "15" not in rules.text
