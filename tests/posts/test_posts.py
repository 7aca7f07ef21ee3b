"""Internship posts: the filtered list, applying (students only, once per post), offers that hold the
post's place and expire, the student's answer, and the internship subsidy filled in from the post."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from incubators.models import FieldOfWork, Incubator
from portal.applications.workflow import perform
from portal.capacity.models import Place
from portal.models import ApplicantProfile, Status
from programs.posts.models import DOCUMENT_INTERNS_HOSTED, Post, PostApplication, PostRules
from programs.posts.services import check_places, save_places
from subsidies.models import SubsidyApplication
from tests.markup import parse
from tests.people import create_applicant
from tests.posts.world import apply, cv, make_post, offer

# --- the list -----------------------------------------------------------------------------------


def titles(client, **query):
    response = client.get(reverse("posts:list"), query)
    assert response.status_code == 200
    return {h.text.strip() for h in parse(response.content).find("main").find_all("h2")}


def test_the_list_filters_by_term_field_location_and_language(client, db):
    ai = FieldOfWork.objects.create(slug="ai-test", name="AI")
    make_post("winter-ai", term=Post.Term.WINTER, field=ai, speaks_english=True)
    make_post("summer-qh", term=Post.Term.SUMMER, location_en="Qianhai", speaks_cantonese=True)
    make_post("hidden", published=False)
    assert titles(client) == {"Intern winter-ai", "Intern summer-qh"}
    assert titles(client, term="winter") == {"Intern winter-ai"}
    assert titles(client, field="ai-test") == {"Intern winter-ai"}
    assert titles(client, location="qianhai") == {"Intern summer-qh"}
    assert titles(client, language="cantonese") == {"Intern summer-qh"}
    assert titles(client, language="english", term="summer") == set()
    # Nonsense in the query is an error on the form, never a 500.
    assert titles(client, field="nope", language="klingon") == set()


def test_the_list_shows_places_left_and_its_queries_do_not_grow(client, db, django_assert_num_queries):
    for n in range(3):
        make_post(f"p{n}")
    with django_assert_num_queries(3) as few:
        client.get(reverse("posts:list"), {"term": "summer"})
    for n in range(3, 9):
        make_post(f"p{n}")
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("posts:list"), {"term": "summer"})
    assert "2 of 2 still open" in parse(response.content).find("main").text


def test_a_post_page_says_the_office_sets_the_time_to_answer(client, post):
    PostRules.objects.create(offer_hours=48)
    text = parse(client.get(post.get_absolute_url()).content).find("main").text
    assert "48 hours to answer: that is the office's rule" in text


# --- applying -----------------------------------------------------------------------------------


def test_a_student_applies_through_the_pages(client, student, post):
    wing = student("wing")
    client.force_login(wing)
    response = client.post(reverse("posts:apply", args=[post.slug]))
    application = PostApplication.objects.get(applicant=wing)
    assert response.url == reverse("posts:apply_details", args=[application.reference])
    response = client.post(response.url, {"cover_letter": "I study engineering at HKU."})
    assert response.url == reverse("posts:apply_documents", args=[application.reference])
    client.post(response.url, {"file": cv()})
    response = client.post(reverse("posts:apply_check", args=[application.reference]))
    assert response.status_code == 302, parse(response.content).find("main").text
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.post == post


def test_only_students_with_a_hong_kong_document_may_submit(student, post):
    graduate = create_applicant("grad@example.com")
    with pytest.raises(ValidationError, match="university students"):
        _submit_as_is(graduate, post)
    macau = student("macau")
    ApplicantProfile.objects.filter(user=macau).update(id_type=ApplicantProfile.IdType.MACAU_ID)
    with pytest.raises(ValidationError, match="Hong Kong students"):
        _submit_as_is(macau, post)


def _submit_as_is(user, post):
    application = PostApplication.objects.create(applicant=user, post=post, cover_letter="Hello")
    from portal.applications.services import attach_document

    attach_document(application, cv(), kind="cv", user=user)
    perform(application, "submit", actor=user)


def test_one_application_per_post_but_several_posts(student, post):
    wing = student("wing")
    apply(wing, post)
    with pytest.raises(ValidationError):
        apply(wing, post)
    assert apply(wing, make_post("second")).status == Status.SUBMITTED


def test_submitting_needs_the_cv(student, post):
    wing = student("wing")
    application = PostApplication.objects.create(applicant=wing, post=post, cover_letter="Hello")
    with pytest.raises(ValidationError, match="CV"):
        perform(application, "submit", actor=wing)


# --- offers -------------------------------------------------------------------------------------


def place_of(post):
    return Place.objects.for_target(post).get()


def test_an_offer_holds_the_place_and_a_full_post_refuses_another(student, post, approver):
    PostRules.objects.create(offer_hours=24)
    first, second = apply(student("a"), post), apply(student("b"), post)
    before = timezone.now()
    offer(first, approver)
    assert first.status == Status.OFFERED and place_of(post).held == 1
    assert (
        before + datetime.timedelta(hours=24)
        <= first.offer_expires_at
        <= timezone.now() + datetime.timedelta(hours=24)
    )
    with pytest.raises(ValidationError):
        perform(second, "offer", actor=approver)
    second.refresh_from_db()
    assert second.status == Status.SUBMITTED and place_of(post).held == 1


def test_an_expired_offer_frees_the_place_for_the_next_student(student, post, approver, mailoutbox):
    first, second = apply(student("a"), post), apply(student("b"), post)
    offer(first, approver)
    call_command("expire_post_offers")  # not yet past its time
    first.refresh_from_db()
    assert first.status == Status.OFFERED
    PostApplication.objects.filter(pk=first.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("expire_post_offers")
    first.refresh_from_db()
    assert first.status == Status.EXPIRED and place_of(post).held == 0
    assert first.changes.filter(action="expire", actor=None).exists()
    offer(second, approver)
    assert second.status == Status.OFFERED and place_of(post).held == 1


def test_declining_frees_the_place(client, student, post, approver):
    wing = student("wing")
    application = offer(apply(wing, post), approver)
    client.force_login(wing)
    client.post(reverse("posts:answer", args=[application.reference]), {"answer": "decline"})
    application.refresh_from_db()
    assert application.status == Status.DECLINED and place_of(post).held == 0


def test_an_offer_past_its_time_cannot_be_accepted(student, post, approver):
    wing = student("wing")
    application = offer(apply(wing, post), approver)
    PostApplication.objects.filter(pk=application.pk).update(offer_expires_at=timezone.now())
    with pytest.raises(ValidationError, match="expired"):
        perform(application, "accept_place", actor=wing)


def test_places_cannot_be_set_below_those_offered(student, post, approver):
    offer(apply(student("a"), post), approver)
    with pytest.raises(ValidationError):
        check_places(post, 0)
    post.places = 3
    post.save()
    assert save_places(post).size == 3


# --- accepted: the subsidy ----------------------------------------------------------------------


def test_an_accepted_intern_gets_the_subsidy_application_filled_in(client, student, approver):
    base = Incubator.objects.create(
        slug="test-base",
        name="Test base",
        short_name="Base",
        summary="-",
        address="-",
        floors="1",
        area_m2=10,
    )
    post = make_post("with-base", host_base=base, host_organisation="Bright Robotics Ltd")
    wing = student("wing")
    application = offer(apply(wing, post), approver)
    client.force_login(wing)
    page = parse(client.get(application.get_absolute_url()).content)
    assert application.get_answer_url() in page.links()
    response = client.post(application.get_answer_url(), {"answer": "accept"})
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
    page = client.get(application.get_absolute_url()).content.decode()
    assert reverse("posts:subsidy", args=[application.reference]) in page
    response = client.post(reverse("posts:subsidy", args=[application.reference]))
    draft = SubsidyApplication.objects.get(applicant=wing)
    assert response.url == reverse("subsidies:apply_details", args=[draft.reference])
    assert (draft.host_base, draft.host_organisation, draft.position) == (
        base,
        "Bright Robotics Ltd",
        post.title,
    )
    assert (draft.start_date, draft.end_date) == (post.start_date, post.end_date)
    form = parse(client.get(response.url).content)
    assert form.find("input", name="host_organisation").attrs["value"] == "Bright Robotics Ltd"
    # Once more: the same draft, nothing the student typed is overwritten.
    SubsidyApplication.objects.filter(pk=draft.pk).update(position="My own words")
    client.post(reverse("posts:subsidy", args=[application.reference]))
    assert SubsidyApplication.objects.get(applicant=wing).position == "My own words"


def test_interns_hosted_counts_accepted_applications(student, approver):
    post = make_post("two", places=2)
    for name in ("a", "b"):
        application = offer(apply(student(name), post), approver)
        if name == "a":
            perform(application, "accept_place", actor=application.applicant)
    assert PostApplication.objects.interns_hosted() == 1
    assert DOCUMENT_INTERNS_HOSTED == 327


# --- staff in admin, and the programme's page ----------------------------------------------------


def test_staff_offer_in_admin_and_a_full_post_says_so(student, post, mfa_staff, client):
    first, second = apply(student("a"), post), apply(student("b"), post)
    approver = mfa_staff("deciding", groups=["approver"])
    client.force_login(approver)  # with an authenticator app, as the admin requires

    def offer_in_admin(application):
        url = reverse("admin:posts_postapplication_transition", args=[application.pk])
        return client.post(url, {"action": "offer", "note": "", "expected_status": "submitted"}, follow=True)

    offer_in_admin(first)
    first.refresh_from_db()
    assert first.status == Status.OFFERED and first.offer_expires_at is not None
    response = offer_in_admin(second)
    second.refresh_from_db()
    assert second.status == Status.SUBMITTED
    assert response.status_code == 200 and place_of(post).held == 1
    assert any("full" in str(m) for m in response.context["messages"])


def test_the_programme_page_leads_to_the_posts(client, catalogue):
    from programs.models import Programme

    programme = Programme.objects.get(slug="hk-special-internship")
    page = parse(client.get(programme.get_absolute_url()).content)
    assert reverse("posts:list") in page.links()
