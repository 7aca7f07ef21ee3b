"""Internship posts' rows and URLs for the shared walks (tests/worlds.py)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from incubators.models import FieldOfWork, Incubator
from portal.applications.services import attach_document
from portal.applications.workflow import perform
from portal.models import ApplicantProfile
from programs.posts.models import Post, PostApplication, PostRules
from programs.posts.services import save_places
from tests.pdfs import blank_pdf
from tests.people import create_staff

NAMESPACES = {"posts"}
PUBLIC = {"posts:list", "posts:detail"}
APPLICANT = {
    "posts:apply",
    "posts:apply_details",
    "posts:apply_documents",
    "posts:apply_check",
    "posts:apply_done",
    "posts:answer",
    "posts:subsidy",
}
STAFF_OUTSIDE_ADMIN = set()


def make_post(slug, *, places=2, term=Post.Term.SUMMER, days=30, **fields) -> Post:
    start = timezone.localdate() + datetime.timedelta(days=days)
    defaults = {
        "host_organisation": f"Host {slug}",
        "title_en": f"Intern {slug}",
        "title_zh_hant": f"實習生 {slug}",
        "title_zh_hans": f"实习生 {slug}",
        "description_en": "Help the team.",
        "description_zh_hant": "協助團隊。",
        "description_zh_hans": "协助团队。",
        "location_en": "Futian",
        "location_zh_hant": "福田",
        "location_zh_hans": "福田",
        "term": term,
        "start_date": start,
        "end_date": start + datetime.timedelta(days=41),
        "places": places,
    }
    post = Post.objects.create(slug=slug, **{**defaults, **fields})
    save_places(post)
    return post


def make_student(user):
    """`user` as a Hong Kong university student (the profile the posts ask for)."""
    ApplicantProfile.objects.filter(user=user).update(situation=ApplicantProfile.Situation.STUDENT)
    user.refresh_from_db()
    return user


def cv(name="cv.pdf"):
    return SimpleUploadedFile(name, blank_pdf(), content_type="application/pdf")


def apply(owner, post, *, letter="I study engineering at HKU.") -> PostApplication:
    """`owner`'s application to `post`, submitted as the journey submits it."""
    make_student(owner)
    application = PostApplication.objects.create(applicant=owner, post=post, cover_letter=letter)
    attach_document(application, cv(), kind="cv", user=owner)
    perform(application, "submit", actor=owner)
    application.refresh_from_db()
    return application


def offer(application, staff=None) -> PostApplication:
    perform(application, "offer", actor=staff or create_staff("world-offerer", group="approver"))
    application.refresh_from_db()
    return application


def build(owner):
    field = FieldOfWork.objects.get_or_create(slug="world-ai", defaults={"name": "AI"})[0]
    base = Incubator.objects.first()
    post = make_post("world-post", field=field, host_base=base)
    PostRules.objects.get_or_create(pk=1)
    application = apply(owner, post)
    draft = PostApplication.objects.create(applicant=owner, post=make_post("world-other"))
    return {"application": application, "draft": draft, "values": {"target": post.slug, "slug": post.slug}}
