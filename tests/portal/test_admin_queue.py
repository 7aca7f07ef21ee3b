"""The staff review queue in Django admin: one list for every scheme, each application's page, its actions."""

import datetime
import threading

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from incubators.models import Incubator
from portal.applications.workflow import TransitionError, perform
from portal.models import Application, Status, StatusChange
from subsidies.models import SubsidyApplication, SubsidyPayment
from tests.markup import parse
from tests.portal.conftest import form_data, messages_of

pytestmark = pytest.mark.django_db


def _english(name):
    """Admin addresses in English, so the messages the tests read are in English."""
    with translation.override("en"):
        return reverse(name)


QUEUE = _english("admin:portal_application_changelist")


def change_url(application, model="portal_application"):
    return reverse(f"admin:{model}_change", args=[application.pk])


def transition_url(application, model="portal_application"):
    return reverse(f"admin:{model}_transition", args=[application.pk])


def references(response) -> list[str]:
    return [cell.text for cell in parse(response.content).find_all("th", cls="field-reference")]


@pytest.fixture
def approver(mfa_staff, client):
    user = mfa_staff("alan", groups=["approver"])
    client.force_login(user)
    return user


def submitted_days_ago(application, days):
    Application.objects.filter(pk=application.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=days)
    )


# --- the queue ------------------------------------------------------------------------------------


def test_queue_lists_sent_applications_oldest_first_without_drafts(
    client, approver, make_applicant, make_subsidy_application
):
    newer = make_subsidy_application(make_applicant("newer"), Status.SUBMITTED)
    older = make_subsidy_application(make_applicant("older"), Status.IN_REVIEW)
    draft = make_subsidy_application(make_applicant("drafter"), Status.DRAFT)
    submitted_days_ago(newer, 2)
    submitted_days_ago(older, 9)

    response = client.get(QUEUE)
    assert response.status_code == 200
    assert references(response) == [older.reference, newer.reference]
    page = parse(response.content)
    first = page.find("tbody").find("tr")
    assert first.find("td", cls="field-applicant_name").text == "陳大文 / Chan Tai Man"
    assert first.find("td", cls="field-days_waiting").text == "9"
    assert first.find("td", cls="field-scheme_name").text == str(SubsidyApplication._meta.verbose_name)
    assert first.find("span", cls="status-badge").text == "In review"
    # The status is shown, never offered for editing.
    assert not page.find_all("select", name="form-0-status") and not page.find_all(
        "input", name="form-0-status"
    )
    assert draft.reference not in references(response)

    assert references(client.get(QUEUE, {"status": "draft"})) == [draft.reference]
    assert draft.reference in references(client.get(QUEUE, {"status": "all"}))


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"status": "in_review"}, ["in_review"]),
        ({"status": "waiting"}, ["submitted", "in_review", "resubmitted"]),
        ({"scheme": "internship_subsidy"}, ["submitted", "in_review", "resubmitted", "approved"]),
        ({"assigned": "nobody"}, ["submitted"]),
        ({"q": "FT-"}, ["submitted", "in_review", "resubmitted", "approved"]),
    ],
)
def test_queue_filters(client, approver, make_applicant, make_subsidy_application, query, expected):
    made = {
        status: make_subsidy_application(make_applicant(status), status)
        for status in ["submitted", "in_review", "resubmitted", "approved"]
    }
    for days, application in enumerate(made.values()):
        submitted_days_ago(application, 10 - days)
    assert references(client.get(QUEUE, query)) == [made[status].reference for status in expected]


def test_queue_filter_assigned_to_me_and_to_someone(
    client, approver, mfa_staff, make_applicant, make_subsidy_application
):
    mine = make_subsidy_application(make_applicant("a"), Status.SUBMITTED)
    theirs = make_subsidy_application(make_applicant("b"), Status.SUBMITTED)
    other = mfa_staff("rita", groups=["reviewer"])
    Application.objects.filter(pk=mine.pk).update(assigned_to=approver)
    Application.objects.filter(pk=theirs.pk).update(assigned_to=other)

    assert references(client.get(QUEUE, {"assigned": "me"})) == [mine.reference]
    assert references(client.get(QUEUE, {"assigned": str(other.pk)})) == [theirs.reference]


def test_queue_filter_by_submission_date(client, approver, make_applicant, make_subsidy_application):
    recent = make_subsidy_application(make_applicant("recent"), Status.SUBMITTED)
    old = make_subsidy_application(make_applicant("old"), Status.SUBMITTED)
    submitted_days_ago(old, 40)
    since = timezone.localtime() - datetime.timedelta(days=7)
    assert references(client.get(QUEUE, {"submitted_at__gte": since})) == [recent.reference]


@pytest.mark.parametrize("term", ["李小龍", "lee siu", "bruce@example.com", "the reference's number"])
def test_queue_search(client, approver, make_applicant, make_subsidy_application, term):
    wanted = make_subsidy_application(make_applicant("bruce", name_zh="李小龍", name_en="Lee Siu Lung"))
    other = make_subsidy_application(make_applicant("other"))
    if term == "the reference's number":
        term = wanted.reference.rsplit("-", 1)[1]  # "001234" of FT-2026-001234: part of a reference
    found = references(client.get(QUEUE, {"q": term}))
    assert wanted.reference in found
    assert other.reference not in found


def test_queue_search_by_exact_reference(client, approver, make_applicant, make_subsidy_application):
    wanted, other = (make_subsidy_application(make_applicant(name)) for name in ("x", "y"))
    assert references(client.get(QUEUE, {"q": wanted.reference})) == [wanted.reference]
    assert other.reference != wanted.reference


def test_a_bad_filter_value_does_not_show_everything(
    client, approver, make_applicant, make_subsidy_application
):
    make_subsidy_application(make_applicant())
    response = client.get(QUEUE, {"status": "nonsense"})
    assert response.status_code == 302 and "e=1" in response["Location"]


def test_queue_queries_do_not_grow_with_applications(
    client, approver, make_applicant, django_assert_max_num_queries
):
    reviewers = [
        approver,
        *[
            approver.__class__.objects.create_user(
                username=f"r{n}", email=f"r{n}@staff.example", is_staff=True
            )
            for n in range(3)
        ],
    ]
    bases = list(Incubator.objects.all())
    assert len(bases) >= 2
    now = timezone.now()

    def add(count):
        for n in range(count):
            applicant = make_applicant(f"bulk{SubsidyApplication.objects.count()}")
            SubsidyApplication.objects.create(
                applicant=applicant,
                host_base=bases[n % len(bases)],
                host_organisation="Org",
                position="Dev",
                start_date=datetime.date(2026, 7, 1),
                end_date=datetime.date(2026, 8, 31),
                status=[Status.SUBMITTED, Status.IN_REVIEW, Status.RESUBMITTED][n % 3],
                submitted_at=now - datetime.timedelta(days=n),
                assigned_to=reviewers[n % len(reviewers)],
            )

    add(5)
    client.get(QUEUE)  # sessions, content types and permissions are now cached like on any later visit
    with CaptureQueriesContext(connection) as small:
        assert client.get(QUEUE).status_code == 200
    # A fixed ceiling too, so one more query per page is noticed (measured on SQLite and PostgreSQL):
    # session, user, authenticator, 2 × permissions, the bases the staff member manages (portal.staffbases),
    # 2 × counts, the reviewers for the filter, the rows, and the "possible duplicate" column (one query
    # per scheme on the page).
    assert len(small) <= 11, [q["sql"][:120] for q in small]

    add(45)
    with django_assert_max_num_queries(len(small)):
        response = client.get(QUEUE)
    assert len(references(response)) == 50
    for query in ({"status": "waiting"}, {"assigned": "me"}, {"q": "Chan"}, {"scheme": "internship_subsidy"}):
        with django_assert_max_num_queries(len(small)):
            assert client.get(QUEUE, query).status_code == 200


# --- an application's page --------------------------------------------------------------------------


def test_change_page_shows_profile_details_documents_and_timeline(
    client, approver, make_applicant, make_subsidy_application
):
    application = make_subsidy_application(make_applicant(), Status.IN_REVIEW)
    response = client.get(change_url(application))
    assert response.status_code == 200
    page = parse(response.content)
    text = page.text

    assert "A1234563" in text  # the full document number: reviewers check it
    assert "陳大文 / Chan Tai Man" in text
    # The scheme's own fields, fetched through `application.specific`.
    details = page.find("div", cls="field-scheme_details").text
    assert "Team A" in details and "2500" in details and "7500" in details
    assert reverse("admin:subsidies_subsidyapplication_change", args=[application.pk]) in page.links()
    document = application.documents.get()
    assert reverse("documents:download", args=[document.pk]) in page.links()
    timeline = page.find(id_="changes-group").text
    assert "Submit" in timeline and "Start review" in timeline
    # No status field anywhere, no way to delete.
    assert not [el for el in page.iter() if el.attrs.get("name") in {"status", "_delete"}]
    assert "deletelink" not in response.content.decode()


def test_change_page_of_a_scheme_admin_reuses_the_same_page(
    client, approver, make_applicant, make_subsidy_application
):
    application = make_subsidy_application(make_applicant(), Status.IN_REVIEW)
    response = client.get(change_url(application, "subsidies_subsidyapplication"))
    page = parse(response.content)
    assert page.find("input", name="host_organisation").attrs["value"] == "Team A"
    # Amounts and dates are not fields staff can type into.
    for name in ("monthly_amount", "total", "months", "degree", "start_date", "end_date", "status"):
        assert not [el for el in page.iter() if el.attrs.get("name") == name], name
    actions = {
        form.find("input", name="action").attrs["value"]
        for form in page.find_all("form", action=transition_url(application, "subsidies_subsidyapplication"))
    }
    assert actions == {"request_info", "approve", "reject"}


def test_transition_buttons_carry_the_status_seen(client, approver, make_applicant, make_subsidy_application):
    application = make_subsidy_application(make_applicant(), Status.SUBMITTED)
    page = parse(client.get(change_url(application)).content)
    forms = page.find_all("form", action=transition_url(application))
    assert [f.find("input", name="action").attrs["value"] for f in forms] == ["start_review"]
    form = forms[0]
    assert form.attrs["method"] == "post"
    assert form.find("input", name="expected_status").attrs["value"] == "submitted"
    assert form.find("textarea", name="note")
    assert form.find("input", name="csrfmiddlewaretoken")


def test_approving_from_the_page(
    client, approver, make_applicant, make_subsidy_application, mailoutbox, django_capture_on_commit_callbacks
):
    application = make_subsidy_application(make_applicant(), Status.IN_REVIEW)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            transition_url(application),
            {"action": "approve", "expected_status": "in_review", "note": "Welcome."},
        )
    assert response.status_code == 302 and response["Location"] == change_url(application)
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    change = application.changes.last()
    assert (change.action, change.actor, change.note) == ("approve", approver, "Welcome.")
    assert any("is now “Approved”" in m for m in messages_of(response))
    assert len(mailoutbox) == 1
    # The scheme's own hook ran: the subsidy's payment schedule exists.
    assert SubsidyPayment.objects.filter(application=application).count() == 3


def test_a_note_is_required_to_reject_and_its_absence_changes_nothing(
    client, approver, make_applicant, make_subsidy_application
):
    application = make_subsidy_application(make_applicant(), Status.IN_REVIEW)
    before = StatusChange.objects.count()
    response = client.post(
        transition_url(application), {"action": "reject", "expected_status": "in_review", "note": "   "}
    )
    assert response.status_code == 200
    page = parse(response.content)
    error = page.find("ul", cls="errorlist")
    assert error.text == "Please write a note: the applicant will read it."
    assert error.parent is page.find("textarea", name="note").parent  # the error is next to the field
    assert page.find("input", name="expected_status").attrs["value"] == "in_review"
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW and StatusChange.objects.count() == before

    response = client.post(
        transition_url(application),
        {"action": "reject", "expected_status": "in_review", "note": "Not eligible."},
    )
    application.refresh_from_db()
    assert application.status == Status.REJECTED


def test_an_action_on_a_stale_page_is_refused(client, approver, make_applicant, make_subsidy_application):
    application = make_subsidy_application(make_applicant(), Status.SUBMITTED)
    # A second click on "Start review" (the page still says "submitted").
    client.post(transition_url(application), {"action": "start_review", "expected_status": "submitted"})
    before = StatusChange.objects.count()
    response = client.post(
        transition_url(application), {"action": "start_review", "expected_status": "submitted"}
    )
    assert response.status_code == 302
    assert any("changed while you were looking" in m for m in messages_of(response))
    assert StatusChange.objects.count() == before


@pytest.mark.parametrize(
    "data",
    [
        {"action": "withdraw", "expected_status": "in_review"},  # the applicant's action, not staff's
        {"action": "submit", "expected_status": "in_review"},
        {"action": "explode", "expected_status": "in_review"},
        {"action": "approve"},  # without the status seen, nothing is decided
        {"action": "approve", "expected_status": "nonsense"},
    ],
)
def test_malformed_actions_change_nothing(client, approver, make_applicant, make_subsidy_application, data):
    application = make_subsidy_application(make_applicant(), Status.IN_REVIEW)
    before = StatusChange.objects.count()
    response = client.post(transition_url(application), data)
    assert response.status_code == 302
    assert any("Nothing was changed" in m for m in messages_of(response))
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW and StatusChange.objects.count() == before


def test_the_action_url_takes_only_posts_and_only_existing_applications(
    client, approver, make_applicant, make_subsidy_application
):
    application = make_subsidy_application(make_applicant(), Status.IN_REVIEW)
    assert client.get(transition_url(application)).status_code == 405
    missing = reverse("admin:portal_application_transition", args=[999999])
    assert client.post(missing, {"action": "approve", "expected_status": "in_review"}).status_code == 404


def test_a_scheme_rule_refusing_an_action_is_shown(
    client, approver, make_applicant, make_subsidy_application, monkeypatch
):
    from django.core.exceptions import ValidationError

    def refuse(self, action):
        raise ValidationError("The host has not confirmed.")

    application = make_subsidy_application(make_applicant(), Status.IN_REVIEW)
    monkeypatch.setattr(SubsidyApplication, "check_before", refuse)
    response = client.post(transition_url(application), {"action": "approve", "expected_status": "in_review"})
    assert any("The host has not confirmed." in m for m in messages_of(response))
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_assigning_a_reviewer(client, approver, mfa_staff, make_applicant, make_subsidy_application):
    application = make_subsidy_application(make_applicant(), Status.SUBMITTED)
    rita = mfa_staff("rita", groups=["reviewer"])
    dora = mfa_staff("dora", groups=["data manager"])
    response = client.get(change_url(application))
    choices = {
        o.attrs["value"]
        for o in parse(response.content).find("select", name="assigned_to").find_all("option")
    }
    # Only staff who review: not the applicant, not the data manager.
    setup = approver.__class__.objects.get(username="setup-approver@staff.example")  # the fixture's approver
    assert choices == {"", str(approver.pk), str(rita.pk), str(setup.pk)}
    assert str(dora.pk) not in choices and str(application.applicant_id) not in choices

    data = {
        **form_data(response),
        "assigned_to": str(rita.pk),
        "status": "approved",
        "applicant": "",
        "_save": "1",
    }
    response = client.post(change_url(application), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    application.refresh_from_db()
    assert application.assigned_to == rita
    assert application.status == Status.SUBMITTED  # a posted "status" is ignored
    assert application.applicant is not None
    assert application.history.first().history_user == approver

    # Rita leaves the reviewers: saving the page for something else keeps her assignment.
    rita.groups.clear()
    response = client.get(change_url(application))
    assert client.post(change_url(application), {**form_data(response), "_save": "1"}).status_code == 302
    application.refresh_from_db()
    assert application.assigned_to == rita


def test_saving_the_page_does_not_undo_a_decision_taken_meanwhile(
    client, approver, make_applicant, make_subsidy_application, mfa_staff
):
    application = make_subsidy_application(make_applicant(), Status.IN_REVIEW)
    data = {
        **form_data(client.get(change_url(application, "subsidies_subsidyapplication"))),
        "position": "Senior engineer",
        "_save": "1",
    }
    perform(application, "approve", actor=mfa_staff("other", groups=["approver"]))
    response = client.post(change_url(application, "subsidies_subsidyapplication"), data)
    assert response.status_code == 302
    application = SubsidyApplication.objects.get(pk=application.pk)
    assert (application.position, application.status) == ("Senior engineer", Status.APPROVED)


def test_drafts_are_read_only_for_staff(client, approver, make_applicant, make_subsidy_application):
    draft = make_subsidy_application(make_applicant(), Status.DRAFT)
    response = client.get(change_url(draft))
    assert response.status_code == 200
    page = parse(response.content)
    assert not page.find_all("select", name="assigned_to")
    assert not page.find_all("input", name="_save")
    assert not page.find_all("form", action=transition_url(draft))
    response = client.post(change_url(draft), {"assigned_to": str(approver.pk), "_save": "1"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.assigned_to is None


def test_no_adding_or_deleting_applications_in_admin(
    client, approver, mfa_staff, make_applicant, make_subsidy_application
):
    client.force_login(mfa_staff("root", superuser=True))
    application = make_subsidy_application(make_applicant(), Status.SUBMITTED)
    assert client.get(reverse("admin:portal_application_add")).status_code == 403
    assert client.get(reverse("admin:portal_application_delete", args=[application.pk])).status_code == 403
    assert client.get(reverse("admin:subsidies_subsidyapplication_add")).status_code == 403


def test_edit_history_is_shown_and_cannot_be_reverted(
    client, approver, make_applicant, make_subsidy_application
):
    application = make_subsidy_application(make_applicant(), Status.IN_REVIEW)
    # The queue sends staff to the scheme's admin, whose model keeps the history.
    response = client.get(reverse("admin:portal_application_history", args=[application.pk]))
    history_url = reverse("admin:subsidies_subsidyapplication_history", args=[application.pk])
    assert response.status_code == 302 and response["Location"] == history_url
    response = client.get(history_url)
    assert response.status_code == 200
    first = application.history.earliest()
    assert first.status == Status.DRAFT
    assert application.history.count() >= 3  # created, submitted, in review
    version_url = reverse(
        "admin:subsidies_subsidyapplication_simple_history", args=[application.pk, first.history_id]
    )
    assert client.get(version_url).status_code == 200
    # Saving an old version would put the application back to "draft" behind the workflow's back.
    response = client.post(version_url, {"assigned_to": "", "_save": "1"})
    assert response.status_code == 405
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


# --- two people deciding at once --------------------------------------------------------------------


def test_two_approvers_deciding_the_same_application(
    client, approver, mfa_staff, make_applicant, make_subsidy_application
):
    application = make_subsidy_application(make_applicant(), Status.IN_REVIEW)
    # A opens the page: it shows "in review" and the approve button.
    page = parse(client.get(change_url(application)).content)
    approve = [
        f
        for f in page.find_all("form", action=transition_url(application))
        if f.find("input", name="action").attrs["value"] == "approve"
    ][0]
    seen = approve.find("input", name="expected_status").attrs["value"]
    assert seen == "in_review"

    # B rejects first, from their own page.
    from django.test import Client

    other = Client()
    other.force_login(mfa_staff("beth", groups=["approver"]))
    other.post(
        transition_url(application), {"action": "reject", "expected_status": "in_review", "note": "No."}
    )

    response = client.post(transition_url(application), {"action": "approve", "expected_status": seen})
    assert any("changed while you were looking" in m and "Rejected" in m for m in messages_of(response))
    application.refresh_from_db()
    assert application.status == Status.REJECTED
    decisions = application.changes.filter(action__in=["approve", "reject"])
    assert [c.action for c in decisions] == ["reject"]
    assert not SubsidyPayment.objects.filter(application=application).exists()


@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_the_same_moment_one_wins(
    catalogue, mfa_staff, make_applicant, make_subsidy_application
):
    """On PostgreSQL two threads really race (the row lock makes one wait); SQLite, which cannot
    run two writers at once, takes them one after the other. Either way exactly one decision stands."""
    application = make_subsidy_application(make_applicant(), Status.IN_REVIEW)
    deciders = [
        ("approve", mfa_staff("a1", groups=["approver"])),
        ("reject", mfa_staff("a2", groups=["approver"])),
    ]
    outcomes = {}

    def decide(action, actor, barrier=None):
        try:
            if barrier:
                barrier.wait(timeout=10)
            perform(
                Application.objects.get(pk=application.pk),
                action,
                actor=actor,
                note="Decided.",
                expected_status=Status.IN_REVIEW,
            )
            outcomes[action] = "done"
        except TransitionError as error:
            outcomes[action] = error.code
        finally:
            if barrier:
                connection.close()

    if connection.vendor == "postgresql":
        barrier = threading.Barrier(len(deciders))
        threads = [
            threading.Thread(target=decide, args=(action, actor, barrier)) for action, actor in deciders
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    else:
        for action, actor in deciders:
            decide(action, actor)

    assert sorted(outcomes.values()) == ["changed", "done"], outcomes
    application.refresh_from_db()
    winner = next(action for action, outcome in outcomes.items() if outcome == "done")
    assert application.status == {"approve": Status.APPROVED, "reject": Status.REJECTED}[winner]
    assert application.changes.filter(action__in=["approve", "reject"]).count() == 1
    assert SubsidyPayment.objects.filter(application=application).count() == (3 if winner == "approve" else 0)


# --- every admin page opens ---------------------------------------------------------------------------


def test_every_admin_page_opens_for_a_superuser(client, mfa_staff, make_applicant, make_subsidy_application):
    client.force_login(mfa_staff("root", superuser=True))
    for status in Status:
        make_subsidy_application(make_applicant(f"applicant-{status}"), status)
    assert SubsidyPayment.objects.exists()

    opened = []
    for model, model_admin in admin.site._registry.items():
        urls = [reverse(admin_urlname(model._meta, "changelist"))]
        request = client.get(reverse("admin:index")).wsgi_request
        if model_admin.has_add_permission(request):
            urls.append(reverse(admin_urlname(model._meta, "add")))
        obj = model._default_manager.first()
        if obj is not None:
            urls.append(reverse(admin_urlname(model._meta, "change"), args=[obj.pk]))
        for url in urls:
            response = client.get(url, follow=True)  # the queue's history pages lead to the scheme's
            assert response.status_code == 200, f"{url} answered {response.status_code}"
            assert response.wsgi_request.path.startswith(reverse("admin:index")), url
            opened.append(url)
    for status in Status:  # an application in every state opens in both admins, with its history
        application = Application.objects.get(applicant__email=f"applicant-{status}@example.com")
        for name in ("portal_application", "subsidies_subsidyapplication"):
            assert client.get(change_url(application, name)).status_code == 200, (status, name)
        history = reverse("admin:subsidies_subsidyapplication_history", args=[application.pk])
        assert client.get(history).status_code == 200, status
    assert reverse("admin:subsidies_subsidypayment_changelist") in opened
    assert len(opened) > 40, opened


# --- bulk actions ---------------------------------------------------------------------------------


def bulk(client, action, applications, **extra):
    return client.post(
        QUEUE, {"action": action, "_selected_action": [a.pk for a in applications], "index": 0, **extra}
    )


def test_bulk_start_review_performs_each_and_reports_the_refused(
    client, approver, make_applicant, make_subsidy_application, mailoutbox, django_capture_on_commit_callbacks
):
    waiting = [make_subsidy_application(make_applicant(f"b{n}"), Status.SUBMITTED) for n in range(2)]
    started = make_subsidy_application(make_applicant("b2"), Status.IN_REVIEW)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = bulk(client, "bulk_start_review", [*waiting, started])
    assert response.status_code == 302
    done, refused = messages_of(response)
    assert done == "“Start review” done on 2 applications: {}, {}.".format(*(a.reference for a in waiting))
    assert refused == (
        f"1 application was not changed: {started.reference}: "
        "This cannot be done while the application is “In review”."
    )
    for application in waiting:
        application.refresh_from_db()
        assert application.status == Status.IN_REVIEW
    # One audit row each: the two made now by this approver, and the one already in review's own.
    rows = StatusChange.objects.filter(action="start_review")
    assert rows.count() == 3
    assert {row.application_id for row in rows.filter(actor=approver)} == {a.pk for a in waiting}
    # Each applicant told by email, as for the action taken on the application's own page.
    assert sorted(m.to[0] for m in mailoutbox) == sorted(a.applicant.email for a in waiting)


def test_bulk_actions_are_the_reviewers_actions_with_no_note(
    client, mfa_staff, make_applicant, make_subsidy_application
):
    make_subsidy_application(make_applicant("x"), Status.SUBMITTED)
    client.force_login(mfa_staff("rita", groups=["reviewer"]))
    page = parse(client.get(QUEUE).content)
    offered = {
        option.attrs["value"]
        for option in page.find("select", name="action").find_all("option")
        if option.attrs["value"]
    }
    assert {"bulk_start_review", "bulk_shortlist", "bulk_confirm", "bulk_assign"} <= offered
    # Decisions and anything that needs a note to the applicant stay on each application's page.
    assert not offered & {"bulk_approve", "bulk_reject", "bulk_request_info", "bulk_award", "bulk_offer"}


def test_bulk_assign_to_a_reviewer_through_a_page_of_its_own(
    client, approver, mfa_staff, make_applicant, make_subsidy_application
):
    rita = mfa_staff("rita", groups=["reviewer"])
    chosen = [make_subsidy_application(make_applicant(f"a{n}"), Status.SUBMITTED) for n in range(2)]
    draft = make_subsidy_application(make_applicant("a2"), Status.DRAFT)

    page = bulk(client, "bulk_assign", [*chosen, draft])
    assert page.status_code == 200
    form = parse(page.content).find("form", id_="assign-form")
    assert {o.attrs["value"] for o in form.find("select", name="reviewer").find_all("option")} >= {
        str(rita.pk)
    }
    assert all(a.reference in page.content.decode() for a in chosen)

    # With drafts shown (status=all), so the draft is selected too: it is refused, and said so.
    response = client.post(
        f"{QUEUE}?status=all",
        {
            "action": "bulk_assign",
            "_selected_action": [a.pk for a in [*chosen, draft]],
            "reviewer": rita.pk,
            "apply": "1",
        },
    )
    assert response.status_code == 302
    done, refused = messages_of(response)
    assert done.startswith("“Assign to rita@staff.example” done on 2 applications")
    assert draft.reference in refused and "draft" in refused
    for application in chosen:
        specific = SubsidyApplication.objects.get(pk=application.pk)
        assert specific.assigned_to == rita
        # The edit history says who assigned whom, as for an assignment made on the change page.
        latest = specific.history.first()
        assert (latest.assigned_to_id, latest.history_user) == (rita.pk, approver)
    assert Application.objects.get(pk=draft.pk).assigned_to is None
