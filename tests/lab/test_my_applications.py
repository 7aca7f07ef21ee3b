"""The shared pages show the lab's applications: My applications, the application page."""

from django.urls import reverse

from tests.lab import world
from tests.markup import parse
from tests.people import create_applicant


def test_my_applications_and_the_booking_page_show_the_slot(client, equipment):
    owner = create_applicant("mine@example.com")
    built = world.build(owner)
    client.force_login(owner)
    listing = parse(client.get(reverse("applications:list")).content).find("main").text
    assert built["application"].reference in listing
    page = parse(client.get(built["application"].get_absolute_url()).content).find("main").text
    assert "Ultra-pure water machine" in page and "Free of charge" in page


def world_for(built, name):
    """The world a URL name uses: the longest namespace the world names ("lab:team" before "lab")."""
    namespaces = built.get("namespaces", {})
    parts = name.split(":")[:-1]
    for n in range(len(parts), 0, -1):
        if ":".join(parts[:n]) in namespaces:
            return namespaces[":".join(parts[:n])]
    return built


def test_each_lab_page_of_an_application_is_its_owners_only(client, equipment):
    owner, other = create_applicant("owner@example.com"), create_applicant("intruder@example.com")
    built = world.build(owner)
    names = sorted(n for n in world.APPLICANT if n.endswith(("_details", "_documents", "_check", "_done")))
    assert len(names) == 7
    for name in names:
        scheme = world_for(built, name)
        url = reverse(name, args=[scheme["draft"].reference])
        client.force_login(owner)
        assert client.get(url).status_code in (200, 302), url
        client.force_login(other)
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code in (404, 405), url  # 405: the same for every id
