"""Staff see each place's size, what is held, offered and waiting, and change sizes within the rule."""

from django.urls import reverse
from django.utils import translation

from portal.capacity.models import Place
from portal.capacity.services import hold, join_waitlist
from tests.markup import form_data, parse


def change_url(place, language="en"):
    with translation.override(language):
        return reverse("admin:capacity_place_change", args=[place.pk])


def busy_place(session, applications):
    """Two seats held, one waiting after them: size 2, held 2, waiting 1."""
    place = Place.objects.create(target=session, size=2)
    first, second, third = applications(3)
    hold([place], application=first)
    join_waitlist([place], application=second)  # room: offered at once
    join_waitlist([place], application=third)
    return place


def test_the_list_shows_size_held_offered_waiting_and_available(admin_client_mfa, session, applications):
    busy_place(session, applications)
    Place.objects.create(target=session, day="2026-12-24", size=None)
    with translation.override("en"):
        url = reverse("admin:capacity_place_changelist")

    table = parse(admin_client_mfa.get(url).content).find("table", id="result_list")
    # After the selection checkbox and the place's name.
    cells = [[cell.text for cell in row.find_all("td")][1:] for row in table.find("tbody").find_all("tr")]

    assert ["2", "2", "1", "1", "0"] in cells
    assert ["-", "0", "0", "0", "unlimited"] in cells


def test_a_size_below_what_is_held_is_refused_next_to_the_field(admin_client_mfa, session, applications):
    place = busy_place(session, applications)
    page = parse(admin_client_mfa.get(change_url(place)).content)
    data = form_data(page.find("form", id="place_form"))

    response = admin_client_mfa.post(change_url(place), {**data, "size": "1"})

    assert response.status_code == 200
    field = parse(response.content).find(cls="field-size")
    assert "2 places are held or offered; the size cannot be lower than that." in field.text
    place.refresh_from_db()
    assert place.size == 2


def test_a_larger_size_is_saved_and_offered_to_the_waiting_list(admin_client_mfa, session, applications):
    place = busy_place(session, applications)
    data = form_data(parse(admin_client_mfa.get(change_url(place)).content).find("form", id="place_form"))

    response = admin_client_mfa.post(change_url(place), {**data, "size": "3"})

    assert response.status_code == 302
    place = Place.objects.with_availability().get(pk=place.pk)
    assert (place.size, place.held, place.offered, place.waiting) == (3, 3, 2, 0)


def test_the_refusal_reads_in_the_staff_language(admin_client_mfa, session, applications):
    place = busy_place(session, applications)
    url = change_url(place, "zh-hant")
    data = form_data(parse(admin_client_mfa.get(url).content).find("form", id="place_form"))

    response = admin_client_mfa.post(url, {**data, "size": "0"})

    assert (
        "已有 2 個名額被佔用或已提供，名額數目不可少於此數。"
        in parse(response.content).find(cls="field-size").text
    )


def test_data_managers_set_the_number_of_places_and_reviewers_only_see_them(db):
    from django.contrib.auth.models import Group

    def codes(role):
        return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))

    assert {"view_place", "add_place", "change_place"} <= codes("data manager")
    assert "view_place" in codes("reviewer")
    assert "change_place" not in codes("reviewer") | codes("approver")
    assert "delete_place" not in codes("data manager")
