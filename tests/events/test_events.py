"""City-integration events: registering (confirmed at once, or the waiting list), the ticket with its
QR code, check-in at the door by staff, cancelling an event, seats set in admin, participants counted."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal.applications.workflow import perform
from portal.capacity.models import Offer, Place
from portal.models import Status
from programs.events import demo
from programs.events.models import CODE_ALPHABET, CODE_LENGTH, Event, EventRegistration
from programs.events.qr import qr_svg
from programs.events.services import cancel_event
from tests.events.world import make_event, register
from tests.markup import parse

CODE = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")


def register_through_the_pages(client, event) -> EventRegistration:
    response = client.post(reverse("events:apply", args=[event.slug]))
    assert response.status_code == 302, response.content
    registration = EventRegistration.objects.get(reference=response.url.rstrip("/").split("/")[-1])
    response = client.post(reverse("events:apply_details", args=[registration.reference]), {"note": ""})
    assert response.url == reverse("events:apply_check", args=[registration.reference])
    response = client.post(response.url)
    assert response.status_code == 302, parse(response.content).find("main").text
    registration.refresh_from_db()
    return registration


# --- registering ------------------------------------------------------------------------------


def test_registering_confirms_at_once_with_a_ticket_code(
    client, make_applicant, event, django_capture_on_commit_callbacks
):
    client.force_login(make_applicant("wing"))
    with django_capture_on_commit_callbacks(execute=True):
        registration = register_through_the_pages(client, event)
    assert registration.status == Status.CONFIRMED
    assert CODE.match(registration.ticket_code), registration.ticket_code
    # One email: where the registration ended up (confirmed), not one per step.
    assert len(mail.outbox) == 1 and registration.reference in mail.outbox[0].subject
    # The application page links to the ticket.
    detail = parse(client.get(registration.get_absolute_url()).content)
    assert registration.get_ticket_url() in detail.links()
    # And the event's page says so instead of offering to register again.
    text = parse(client.get(event.get_absolute_url()).content).find("main").text
    assert (
        "You are registered" in text
        and registration.get_ticket_url() in client.get(event.get_absolute_url()).content.decode()
    )


def test_ticket_codes_are_unique_random_and_unambiguous(make_applicant, db):
    event = make_event("big", seats=None)
    codes = {register(make_applicant(f"p{n}"), event).ticket_code for n in range(20)}
    assert len(codes) == 20
    assert all(CODE.match(code) for code in codes)
    assert not set("".join(codes)) & set("0O1I")


def test_the_same_person_cannot_register_twice_for_one_event(client, make_applicant, event):
    applicant = make_applicant("wing")
    register(applicant, event)
    client.force_login(applicant)
    # A second draft for the same event is refused when sent.
    second = EventRegistration.objects.create(applicant=applicant, event=event)
    response = client.post(reverse("events:apply_check", args=[second.reference]))
    assert response.status_code == 200
    second.refresh_from_db()
    assert second.status == Status.DRAFT


def test_a_full_event_puts_the_next_on_the_waiting_list_and_offers_a_freed_seat(
    client, make_applicant, django_capture_on_commit_callbacks
):
    event = make_event("small", seats=1)
    first = register(make_applicant("first"), event)
    waiting_person = make_applicant("second")
    client.force_login(waiting_person)
    detail = parse(client.get(event.get_absolute_url()).content).find("main").text
    assert "Full" in detail and "Join the waiting list" in detail
    check_page = None
    response = client.post(reverse("events:apply", args=[event.slug]))
    reference = response.url.rstrip("/").split("/")[-1]
    client.post(reverse("events:apply_details", args=[reference]), {"note": "Wheelchair"})
    check_page = parse(client.get(reverse("events:apply_check", args=[reference])).content).find("main").text
    assert "Join the waiting list" in check_page
    client.post(reverse("events:apply_check", args=[reference]))
    second = EventRegistration.objects.get(reference=reference)
    assert second.status == Status.WAITLISTED and second.ticket_code is None
    # No ticket while waiting.
    assert client.get(reverse("events:ticket", args=[reference])).status_code == 404

    # The first cancels; the seat is offered to the second, who takes it and gets a ticket.
    with django_capture_on_commit_callbacks(execute=True):
        perform(first, "cancel", actor=first.applicant)
    assert any("place" in message.subject.lower() or reference in message.subject for message in mail.outbox)
    response = client.post(reverse("applications:accept", args=[reference]))
    second.refresh_from_db()
    assert second.status == Status.CONFIRMED and CODE.match(second.ticket_code)


# --- the ticket -------------------------------------------------------------------------------


def test_the_ticket_shows_the_code_and_a_qr_code_of_the_check_in_url(client, registered):
    client.force_login(registered.applicant)
    response = client.get(registered.get_ticket_url())
    assert response.status_code == 200
    page = parse(response.content)
    main = page.find("main")
    assert registered.event.name in main.text and "Futian" in main.text
    code = main.find(cls="ticket-code")
    assert code.text.replace(" ", "") == registered.ticket_code
    svg = main.find("svg")
    assert svg.attrs["role"] == "img" and registered.ticket_code in svg.attrs["aria-label"]
    # The QR code is the one drawn for the staff check-in URL of this code, with this site's address.
    url = "http://testserver" + reverse("events:check_in_code", args=[registered.ticket_code])
    assert registered.check_in_url("http://testserver/") == url
    expected = qr_svg(url, label=svg.attrs["aria-label"])
    assert str(expected) in response.content.decode()


def test_someone_elses_ticket_is_404(client, registered, make_applicant):
    client.force_login(make_applicant("other"))
    assert client.get(registered.get_ticket_url()).status_code == 404
    client.logout()
    response = client.get(registered.get_ticket_url())
    assert response.status_code == 302 and "/accounts/login/" in response.url


# --- check-in at the door ---------------------------------------------------------------------


def test_check_in_by_typing_the_code_then_again_says_already(client, registered, door):
    client.force_login(door)
    form = parse(client.get(reverse("events:check_in")).content).find("input", name="code")
    assert "autofocus" in form.attrs and form.attrs["autocapitalize"] == "characters"
    typed = registered.ticket_code.lower()[:4] + "-" + registered.ticket_code.lower()[4:]
    response = client.post(reverse("events:check_in"), {"code": typed})
    assert response.url == reverse("events:check_in_code", args=[registered.ticket_code])
    shown = parse(client.get(response.url).content).find("main")
    assert "陳大文" in shown.text and registered.event.name in shown.text and "Confirmed" in shown.text
    assert shown.find("button").text == "Check in"

    response = client.post(response.url, follow=True)
    assert "Checked in: 陳大文 / Chan Tai Man." in parse(response.content).text
    registered.refresh_from_db()
    assert registered.status == Status.ATTENDED
    change = registered.changes.get(action="attended")
    assert change.actor == door and change.by_staff

    # Scanned again: already checked in, with the time, and no button.
    again = parse(client.get(reverse("events:check_in_code", args=[registered.ticket_code])).content)
    main = again.find("main")
    assert "Already checked in at" in main.text and main.find_all("button") == []
    response = client.post(reverse("events:check_in_code", args=[registered.ticket_code]), follow=True)
    assert "Already checked in at" in parse(response.content).text
    assert registered.changes.filter(action="attended").count() == 1
    # The applicant's ticket says so too.
    client.force_login(registered.applicant)
    assert "Checked in" in parse(client.get(registered.get_ticket_url()).content).find("main").text


def test_check_in_by_the_url_in_the_qr_code(client, registered, door):
    client.force_login(door)
    url = registered.check_in_url("http://testserver/").removeprefix("http://testserver")
    response = client.post(url)
    assert response.status_code == 302
    registered.refresh_from_db()
    assert registered.status == Status.ATTENDED


def test_an_unknown_code_is_said_so(client, door, db):
    client.force_login(door)
    response = client.post(reverse("events:check_in"), {"code": "ZZZZZZZZ"})
    assert response.status_code == 200
    assert "No ticket has this code" in parse(response.content).find("main").text
    response = client.post(reverse("events:check_in"), {"code": "ABC"})
    assert "A ticket code has 8 letters and digits." in parse(response.content).find("main").text
    response = client.get(reverse("events:check_in_code", args=["ZZZZZZZZ"]))
    assert response.status_code == 404 and "No ticket has the code" in parse(response.content).text


def test_a_cancelled_registration_and_another_days_event_are_refused(client, make_applicant, door, db):
    client.force_login(door)
    tomorrow = register(make_applicant("tomorrow"), make_event("tomorrow", days=1))
    url = reverse("events:check_in_code", args=[tomorrow.ticket_code])
    main = parse(client.get(url).content).find("main")
    assert "This ticket is for another day" in main.text and main.find_all("button") == []
    client.post(url)
    tomorrow.refresh_from_db()
    assert tomorrow.status == Status.CONFIRMED

    cancelled = register(make_applicant("cancelled"), make_event("today", days=0, seats=3))
    perform(cancelled, "cancel_by_staff", actor=door, note="Moved.")
    url = reverse("events:check_in_code", args=[cancelled.ticket_code])
    main = parse(client.get(url).content).find("main")
    assert "This registration is cancelled" in main.text


def test_an_event_today_can_be_checked_in(client, make_applicant, door, db):
    now = timezone.localtime()
    start = now.replace(hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(hours=23)
    event = make_event("tonight", starts_at=start, ends_at=start + datetime.timedelta(minutes=50))
    registration = register(make_applicant("tonight"), event)
    client.force_login(door)
    client.post(reverse("events:check_in_code", args=[registration.ticket_code]))
    registration.refresh_from_db()
    assert registration.status == Status.ATTENDED


def test_check_in_needs_verified_staff_who_review(client, registered, mfa_staff, make_applicant):
    urls = [reverse("events:check_in"), reverse("events:check_in_code", args=[registered.ticket_code])]
    # Staff without the second factor are sent to set one up; nothing is checked in.
    client.force_login(mfa_staff("no-totp", groups=["reviewer"], totp=False))
    for url in urls:
        assert client.get(url).url == reverse("mfa_activate_totp")
        assert client.post(url).url == reverse("mfa_activate_totp")
    # Verified staff without the reviewer role, and applicants, get 403.
    for person in (mfa_staff("no-role"), make_applicant("nosy")):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 403
            assert client.post(url).status_code == 403
    registered.refresh_from_db()
    assert registered.status == Status.CONFIRMED


def test_the_check_in_pages_work_without_javascript_on_a_phone(client, registered, door):
    """Plain forms posting to the server; the code field is big and opens the right keyboard."""
    client.force_login(door)
    page = parse(client.get(reverse("events:check_in")).content)
    assert page.find_all("script") == [] or all("src" in s.attrs for s in page.find_all("script"))
    form = page.find("main").find("form")
    assert form.attrs["method"] == "post" and form.attrs["action"] == reverse("events:check_in")
    code = form.find("input", name="code")
    assert code.attrs["inputmode"] == "text" and code.attrs["autocomplete"] == "off"


# --- staff: seats, cancelling, counts ---------------------------------------------------------


def test_the_seats_are_one_place_kept_in_step_by_the_admin(admin_client_mfa, make_applicant, db):
    response = admin_client_mfa.post(
        reverse("admin:events_event_add"),
        {
            "slug": "flag-raising",
            "name_zh_hant": "同心同根國旗升",
            "name_en": "Flag raising",
            "name_zh_hans": "同心同根国旗升",
            "venue_zh_hant": "福田",
            "venue_en": "Futian",
            "venue_zh_hans": "福田",
            "starts_at_0": "2031-05-01",
            "starts_at_1": "09:00",
            "ends_at_0": "2031-05-01",
            "ends_at_1": "11:00",
            "seats": "2",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, parse(response.content).find(cls="errornote")
    event = Event.objects.get(slug="flag-raising")
    (place,) = Place.objects.for_target(event)
    assert (place.size, place.starts_at, place.ends_at) == (2, event.starts_at, event.ends_at)
    register(make_applicant("a"), event)
    register(make_applicant("b"), event)
    waiting = register(make_applicant("c"), event)
    assert waiting.status == Status.WAITLISTED

    change = reverse("admin:events_event_change", args=[event.pk])
    form = {
        "slug": "flag-raising",
        "name_zh_hant": "同心同根國旗升",
        "name_en": "Flag raising",
        "name_zh_hans": "同心同根国旗升",
        "venue_zh_hant": "福田",
        "venue_en": "Futian",
        "venue_zh_hans": "福田",
        "starts_at_0": "2031-05-01",
        "starts_at_1": "10:00",
        "ends_at_0": "2031-05-01",
        "ends_at_1": "12:00",
        "seats": "1",
        "is_published": "on",
    }
    response = admin_client_mfa.post(change, form)
    assert response.status_code == 200
    assert "2 places are held or offered; the size cannot be lower than that." in response.content.decode()
    place.refresh_from_db()
    assert place.size == 2
    # Nothing of the refused form is saved.
    event.refresh_from_db()
    assert timezone.localtime(event.starts_at).hour == 9

    form["seats"] = "3"
    assert admin_client_mfa.post(change, form).status_code == 302
    place.refresh_from_db()
    event.refresh_from_db()
    # The added seat is offered to the one waiting, at once.
    assert (place.size, place.held, place.starts_at) == (3, 3, event.starts_at)
    assert Offer.objects.filter(application=waiting).exists()
    assert Place.objects.for_target(event).count() == 1


def test_cancelling_an_event_cancels_its_registrations_and_tells_them(
    client, admin_client_mfa, make_applicant, django_capture_on_commit_callbacks, db
):
    event = make_event("rained-off", seats=1)
    confirmed = register(make_applicant("c"), event)
    waiting = register(make_applicant("w"), event)
    assert waiting.status == Status.WAITLISTED
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_mfa.post(
            reverse("admin:events_event_changelist"),
            {"action": "cancel_events", "_selected_action": [event.pk]},
        )
        assert "Cancelling cancels 2 registrations" in response.content.decode()
        response = admin_client_mfa.post(
            reverse("admin:events_event_changelist"),
            {"action": "cancel_events", "_selected_action": [event.pk], "confirm": "1", "note": "Typhoon."},
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_cancelled
    for registration in (confirmed, waiting):
        registration.refresh_from_db()
        assert registration.status == Status.CANCELLED
        assert registration.changes.get(action="cancel_by_staff").note == "Typhoon."
    assert len(mail.outbox) == 2 and all("Typhoon." in message.body for message in mail.outbox)
    assert Place.objects.for_target(event).get().held == 0

    # The page says so, with no button; a registration is refused.
    someone = make_applicant("late")
    client.force_login(someone)
    main = parse(client.get(event.get_absolute_url()).content).find("main")
    assert "This event is cancelled" in main.text and main.find_all("button") == []
    draft = EventRegistration.objects.create(applicant=someone, event=event)
    response = client.post(reverse("events:apply_check", args=[draft.reference]))
    assert "This event is cancelled: it takes no registrations." in parse(response.content).text
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_cancel_event_needs_a_note(db, door):
    event = make_event("x")
    with pytest.raises(Exception, match="note"):
        cancel_event(event, actor=door, note=" ")
    event.refresh_from_db()
    assert not event.is_cancelled


def test_participants_are_counted_per_event_and_overall(admin_client_mfa, make_applicant, door, db):
    today = make_event("counted", days=0, seats=2)
    other = make_event("other-day", seats=5)
    here = [register(make_applicant(f"h{n}"), today) for n in range(3)]  # 2 confirmed, 1 waiting
    register(make_applicant("o"), other)
    for registration in here[:2]:
        perform(registration, "attended", actor=door)
    counts = {e.slug: (e.registered, e.waiting, e.checked_in) for e in Event.objects.with_participants()}
    assert counts["counted"] == (2, 1, 2) and counts["other-day"] == (1, 0, 0)
    assert EventRegistration.objects.participants() == 2
    assert EventRegistration.objects.filter(event=other).participants() == 0
    changelist = parse(admin_client_mfa.get(reverse("admin:events_event_changelist")).content)
    row = next(tr for tr in changelist.find_all("tr") if today.name in tr.text)
    assert [td.text for td in row.find_all("td")][4:7] == ["2", "1", "2"]


# --- public pages -----------------------------------------------------------------------------


def test_the_list_shows_upcoming_published_events_with_seats_left(client, make_applicant, db):
    make_event("open", seats=3)
    register(make_applicant("x"), make_event("full", seats=1))
    make_event("hidden", is_published=False)
    make_event("past", days=-3)
    main = parse(client.get(reverse("events:list")).content).find("main")
    cards = {card.find("h2").text: card.text for card in main.find_all("li", cls="event-card")}
    assert set(cards) == {"Study tour open", "Study tour full"}
    assert "3 seats left" in cards["Study tour open"] and "Full" in cards["Study tour full"]
    assert client.get(reverse("events:detail", args=["hidden"])).status_code == 404


def test_an_event_occurrence_names_its_activity(client, db):
    from programs.models import Activity

    activity = Activity.objects.get(key="futian-study-tour")
    event = make_event("with-activity", activity=activity)
    response = client.get(f"/zh-hant{event.get_absolute_url().removeprefix('/en')}")
    assert "香港青年福田研學旅遊" in parse(response.content).find("main").text


# --- query counts -----------------------------------------------------------------------------


def _grow(make_applicant, n, start):
    for i in range(start, start + n):
        event = make_event(f"grow-{i}", seats=2)
        register(make_applicant(f"g{i}"), event)


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["list", "detail", "ticket", "check_in_code", "check_in"])
def test_query_counts_stay_the_same_as_events_grow(
    client, make_applicant, registered, door, page, django_assert_num_queries
):
    urls = {
        "list": reverse("events:list"),
        "detail": registered.event.get_absolute_url(),
        "ticket": registered.get_ticket_url(),
        "check_in_code": reverse("events:check_in_code", args=[registered.ticket_code]),
        "check_in": reverse("events:check_in"),
    }
    client.force_login(door if page.startswith("check_in") else registered.applicant)
    _grow(make_applicant, 2, 0)
    client.get(urls[page])  # warm caches (content types, sessions)
    few = _queries(client, urls[page])
    _grow(make_applicant, 6, 10)
    with django_assert_num_queries(few):
        assert client.get(urls[page]).status_code == 200


# --- the demo ---------------------------------------------------------------------------------


def test_the_demo_makes_two_future_events_once(db):
    demo.create()
    demo.create()
    events = Event.objects.filter(slug__startswith="demo-")
    assert events.count() == 2 and all(e.starts_at > timezone.now() for e in events)
    assert all(Place.objects.for_target(e).count() == 1 for e in events)
    assert {e.activity.key for e in events} == {"futian-study-tour", "summer-camp"}
