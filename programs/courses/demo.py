"""Demo courses for `make run`: one per category, each with two sessions in the coming weeks.

Idempotent: running it again finds the same rows (by slug) and adds nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from programs.models import CourseCategory

from .models import Course, CourseSession
from .services import save_session

COURSES = {
    "entrepreneurship": {
        "slug": "demo-pitching",
        "name_zh_hant": "創業路演入門",
        "name_en": "Pitching your start-up",
        "name_zh_hans": "创业路演入门",
    },
    "career": {
        "slug": "demo-career-cv",
        "name_zh_hant": "內地求職履歷工作坊",
        "name_en": "CV workshop for jobs on the mainland",
        "name_zh_hans": "内地求职履历工作坊",
    },
    "interest": {
        "slug": "demo-photography",
        "name_zh_hant": "城市攝影",
        "name_en": "City photography",
        "name_zh_hans": "城市摄影",
    },
}


@transaction.atomic
def create(now=None) -> list[Course]:
    now = now or timezone.now()
    first = timezone.localtime(now).replace(hour=19, minute=0, second=0, microsecond=0)
    courses = []
    categories = CourseCategory.objects.filter(programme__slug="training", key__in=COURSES)
    for index, category in enumerate(categories):
        names = COURSES[category.key]
        course, _created = Course.objects.get_or_create(
            slug=names["slug"], defaults={**names, "category": category, "order": index}
        )
        courses.append(course)
        if course.sessions.exists():
            continue
        for week in (1, 2):
            starts = first + datetime.timedelta(days=7 * week + index)
            save_session(
                CourseSession(
                    course=course,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    venue_zh_hant="福田CBD青年學院香港青年分院",
                    venue_en="Hong Kong Youth Branch, Futian CBD Youth College",
                    venue_zh_hans="福田CBD青年学院香港青年分院",
                    seats=20,
                )
            )
    return courses
