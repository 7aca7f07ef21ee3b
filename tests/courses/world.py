"""The courses' rows and URLs for the shared walks (tests/worlds.py)."""

import datetime

from django.utils import timezone

from portal.applications.workflow import perform
from portal.models import Status
from programs.courses.models import Course, CourseEnrolment, CourseSession
from programs.courses.services import save_session
from programs.models import CourseCategory

NAMESPACES = {"courses"}
PUBLIC = {"courses:list", "courses:detail"}
APPLICANT = {
    "courses:apply",
    "courses:apply_details",
    "courses:apply_check",
    "courses:apply_done",
}
STAFF_OUTSIDE_ADMIN = set()


def make_course(slug="world-course", key="career", **fields) -> Course:
    category = CourseCategory.objects.get(programme__slug="training", key=key)
    defaults = {"name_en": "Interview skills", "name_zh_hant": "面試技巧", "name_zh_hans": "面试技巧"}
    return Course.objects.create(category=category, slug=slug, **{**defaults, **fields})


def make_session(course, *, days=30, seats=10, hour=19) -> CourseSession:
    start = timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0)
    start += datetime.timedelta(days=days)
    return save_session(
        CourseSession(
            course=course,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            venue_en="Room 3",
            seats=seats,
        )
    )


def build(owner) -> dict:
    course = make_course()
    session = make_session(course)
    application = CourseEnrolment.objects.create(applicant=owner, session=session)
    perform(application, "request", actor=owner)
    draft = CourseEnrolment.objects.create(applicant=owner, session=make_session(course, days=37))
    assert application.status == Status.CONFIRMED
    return {
        "application": application,
        "draft": draft,
        "values": {"target": session.slug, "slug": course.slug},
    }
