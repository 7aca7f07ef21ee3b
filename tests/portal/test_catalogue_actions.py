"""The catalogue's pages send visitors to where each service is done online, as each app declares
(`AppConfig.catalogue_actions`), and offer the office's contact details only where nothing is."""

import pytest
from django.core.management import call_command

from portal.capacity.models import Place
from tests.markup import parse


@pytest.mark.parametrize(
    "url,link",
    [
        ("/en/programmes/training/", "/en/courses/"),
        ("/en/programmes/city-integration/", "/en/events/"),
        ("/en/incubators/community-7plus/", "/en/lab/"),
    ],
)
def test_a_catalogue_page_links_to_where_it_is_done(client, catalogue, url, link):
    page = parse(client.get(url).content)
    actions = page.find_all("ul", cls="catalogue-actions")
    assert actions and link in actions[0].links()
    assert not page.find_all("h2", id_="contact-title")


def test_a_programme_without_an_online_service_still_gives_the_office(client, catalogue):
    from tests.factories import ProgrammeFactory

    ProgrammeFactory(slug="no-online-way")
    page = parse(client.get("/en/programmes/no-online-way/").content)
    assert not page.find_all("ul", cls="catalogue-actions")
    assert page.find_all("h2", id_="contact-title")


@pytest.mark.django_db
def test_demo_places_are_made_once(catalogue):
    call_command("create_demo_places", force=True)
    counts = {model: model.objects.count() for model in demo_models()}
    assert all(counts.values()), counts
    call_command("create_demo_places", force=True)
    assert {model: model.objects.count() for model in demo_models()} == counts


def demo_models():
    from incubators.lab.models import Equipment
    from lodging.apartments.models import Unit
    from lodging.stations.models import RoomType
    from programs.courses.models import Course
    from programs.events.models import Event

    return [Unit, RoomType, Course, Event, Equipment]


def test_demo_places_refuse_production(settings, db):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_places")
    assert not Place.objects.exists()
