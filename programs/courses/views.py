from dataclasses import dataclass

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy

from portal.applications.journey import Journey
from portal.capacity import bookings
from programs.models import CourseCategory

from .forms import CategoryFilterForm, EnrolmentDetailsForm
from .models import Course, CourseEnrolment, CourseSession

# How many of a course's next sessions the list shows; the course's page shows them all.
NEXT_SESSIONS = 3


def _categories():
    # The three kinds of course the document names, seeded under the training programme.
    return CourseCategory.objects.filter(programme__slug="training").order_by("order", "pk")


def course_list(request):
    categories = list(_categories())
    form = CategoryFilterForm(request.GET or None, categories=categories)
    chosen = form.chosen
    upcoming = CourseSession.objects.upcoming()[:NEXT_SESSIONS]
    courses = list(
        Course.objects.published()
        .filter(category__in=categories)
        .prefetch_related(Prefetch("sessions", queryset=upcoming, to_attr="next_sessions"))
        .order_by("order", "pk")
    )
    CourseSession.attach_availability(s for course in courses for s in course.next_sessions)
    shown = [c for c in categories if not chosen or c.key == chosen]
    for category in shown:
        category.listed = [course for course in courses if course.category_id == category.pk]
    return render(request, "courses/course_list.html", {"form": form, "categories": shown})


def course_detail(request, slug):
    course = get_object_or_404(Course.objects.published().select_related("category"), slug=slug)
    sessions = list(course.sessions.upcoming())
    CourseSession.attach_availability(sessions)
    return render(request, "courses/course_detail.html", {"course": course, "sessions": sessions})


@dataclass(frozen=True)
class Seats:
    """A session's Place as the check page names it: by the course and its local time (a Place's
    own name repeats the session's time, in UTC)."""

    place: object
    label: str

    size = property(lambda self: self.place.size)
    available = property(lambda self: self.place.available)

    def __str__(self):
        return self.label


def _check_context(application):
    found = bookings.availability(application)
    if found is None:
        return {}
    label = str(application.session)
    return {
        "availability": bookings.Availability(
            places=[Seats(p, label) for p in found.places], full=[Seats(p, label) for p in found.full]
        )
    }


journey = Journey(
    model=CourseEnrolment,
    details_form=EnrolmentDetailsForm,
    namespace="courses",
    details_label=gettext_lazy("Enrolment"),
    select_related=("session__course",),
    check_context=_check_context,
    target_model=CourseSession,
    target_lookup="slug",
)
