"""The programme list's filters, as a visitor uses them from the form on /programmes/."""

import datetime

import pytest
from django.utils import timezone

from programs.models import Programme
from tests.factories import AudienceFactory, ProgrammeFactory

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def listed(page):
    """Slugs of the programmes the list shows for a query string, in order."""

    def slugs(query=""):
        main = page(f"/en/programmes/{query}").find("main")
        return [
            link.removeprefix("/en/programmes/").strip("/")
            for card in main.find_all("li", cls="card")
            for link in card.find("h2").links()
        ]

    return slugs


def test_no_filter_lists_every_published_programme(listed):
    assert listed() == [
        "gba-entrepreneurship",
        "internship-subsidy",
        "hk-special-internship",
        "one-stop-service-office",
        "training",
        "city-integration",
    ]


@pytest.mark.parametrize(
    "category, expected",
    [
        ("internship", ["internship-subsidy", "hk-special-internship"]),
        ("entrepreneurship", ["gba-entrepreneurship"]),
        ("employment", ["one-stop-service-office"]),
        ("training", ["training"]),
        ("integration", ["city-integration"]),
    ],
)
def test_category_filter(listed, category, expected):
    assert listed(f"?category={category}") == expected


@pytest.mark.parametrize(
    "audience, expected",
    [
        ("hk-students", ["hk-special-internship"]),
        ("hk-teams", ["gba-entrepreneurship"]),
        ("hk-macau-youth", ["gba-entrepreneurship", "internship-subsidy"]),
        ("hk-youth", ["one-stop-service-office", "training", "city-integration"]),
    ],
)
def test_audience_filter_by_slug(listed, audience, expected):
    assert listed(f"?audience={audience}") == expected


def test_category_and_audience_together(listed):
    assert listed("?category=internship&audience=hk-students") == ["hk-special-internship"]


def test_a_programme_for_several_audiences_is_listed_once(listed):
    both = AudienceFactory(slug="both")
    ProgrammeFactory(slug="for-everyone", audiences=[both, *AudienceFactory.create_batch(2)])
    ProgrammeFactory(slug="for-both-too", audiences=[both])

    assert listed("?audience=both") == ["for-everyone", "for-both-too"]


def test_open_now_leaves_out_programmes_outside_their_application_window(listed):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    Programme.objects.filter(slug="gba-entrepreneurship").update(closes_on=today - day)
    Programme.objects.filter(slug="hk-special-internship").update(opens_on=today + day)
    Programme.objects.filter(slug="training").update(accepts_applications=False)
    Programme.objects.filter(slug="city-integration").update(opens_on=today - day, closes_on=today + day)
    Programme.objects.filter(slug="internship-subsidy").update(opens_on=today, closes_on=today)

    # Only a programme the portal takes applications for can be open: the others say whom to contact.
    assert listed("?open_now=on") == ["internship-subsidy"]
    # Without the filter every published programme is still listed.
    assert len(listed()) == 6


def test_programme_page_says_whether_applications_are_open(page):
    today = timezone.localdate()
    Programme.objects.filter(slug="internship-subsidy").update(opens_on=today + datetime.timedelta(days=10))

    facts = page("/en/programmes/internship-subsidy/").find("main").find("dl", cls="facts").text

    assert "Not open now" in facts
    assert "from" in facts


def test_a_programme_the_portal_takes_no_applications_for_says_whom_to_contact(page):
    # Every seeded programme has an online way now; one staff add without one sends people to the office.
    ProgrammeFactory(slug="no-online-way")
    main = page("/en/programmes/no-online-way/").find("main")

    assert "Applications" not in main.find("dl", cls="facts").text
    contact = main.find("section", aria_labelledby="contact-title")
    assert "Contact the office" in contact.text
    assert "/en/contact/" in contact.links()


def test_an_empty_filter_means_no_filter(listed):
    assert len(listed("?category=&audience=")) == 6


@pytest.mark.parametrize(
    "query",
    [
        "?category=astronomy",
        "?audience=no-such-audience",
        "?open_now=maybe",
        "?category=internship&category=nonsense",
        "?audience=" + "x" * 2000,
    ],
)
def test_an_invalid_filter_value_does_not_break_the_page(client, query):
    response = client.get(f"/en/programmes/{query}")

    assert response.status_code == 200
    assert b"programme" in response.content


@pytest.mark.parametrize("query", ["?audience=%00", "?category=%00"])
def test_a_nul_in_a_filter_is_404_like_any_url_with_one(client, query):
    """No filter value holds a NUL (PostgreSQL refuses one): portal.site.middleware answers 404 for all."""
    assert client.get(f"/en/programmes/{query}").status_code == 404


def test_an_unknown_category_is_shown_as_an_error_next_to_the_field(page):
    main = page("/en/programmes/?category=astronomy").find("main")

    field = next(div for div in main.find_all("div", cls="field") if div.find_all("select", name="category"))
    assert field.find_all("p", cls="error"), "no error shown next to the category field"
