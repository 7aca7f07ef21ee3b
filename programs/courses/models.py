"""Courses of the Hong Kong Youth Branch of Futian CBD Youth College: each course has sessions, and
each session's seats are one `portal.capacity.models.Place` (see `services.save_session`)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from portal.applications.claims import Claim
from portal.capacity.models import Place
from portal.models import Application


class CourseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Course(models.Model):
    """A course in one of the three categories the document names (`programs.CourseCategory`)."""

    category = models.ForeignKey(
        "programs.CourseCategory",
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("category"),
    )
    slug = models.SlugField(_("address key"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["category__order", "order", "id"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("courses:detail", args=[self.slug])


class SessionQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Sessions still to start, cancelled ones included (the pages say they are cancelled)."""
        return self.filter(starts_at__gt=now or timezone.now()).order_by("starts_at", "pk")


class CourseSession(models.Model):
    """One meeting of a course. Its seats are a Place, kept in step by `services.save_session`."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("course")
    )
    # Derived from the course and the start when left empty; the enrolment journey starts under it.
    slug = models.SlugField(_("address key"), unique=True, blank=True, max_length=80)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    # The document gives no number of seats: the college sets it per session.
    seats = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("How many people can enrol. Empty means unlimited.")
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False, editable=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("course session")
        verbose_name_plural = _("course sessions")

    def __str__(self):
        when = date_format(timezone.localtime(self.starts_at), "DATETIME_FORMAT") if self.starts_at else ""
        return f"{self.course} · {when}" if when else str(self.course)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._free_slug()
        super().save(*args, **kwargs)

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})

    def _free_slug(self) -> str:
        base = slugify(f"{self.course.slug}-{timezone.localtime(self.starts_at):%Y%m%d-%H%M}")[:70]
        slug, n = base, 1
        while CourseSession.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def get_enrol_url(self):
        return reverse("courses:apply", args=[self.slug])

    def has_started(self, now=None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def place(self) -> Place:
        """The session's seats, created on demand (safe when two requests create it at once)."""
        target_type = ContentType.objects.get_for_model(CourseSession)
        found = Place.objects.filter(target_type=target_type, target_id=self.pk).first()
        if found is not None:
            return found
        Place.objects.bulk_create(
            [
                Place(
                    target_type=target_type,
                    target_id=self.pk,
                    starts_at=self.starts_at,
                    ends_at=self.ends_at,
                    size=self.seats,
                )
            ],
            ignore_conflicts=True,
        )
        return Place.objects.get(target_type=target_type, target_id=self.pk)

    @staticmethod
    def attach_availability(sessions) -> None:
        """Set `availability` on each session (its Place annotated with offered/waiting/available):
        one query for any number of sessions. A session without a Place yet has none held."""
        sessions = list(sessions)
        target_type = ContentType.objects.get_for_model(CourseSession)
        places = Place.objects.filter(target_type=target_type, target_id__in=[s.pk for s in sessions])
        by_session = {place.target_id: place for place in places.with_availability()}
        for session in sessions:
            place = by_session.get(session.pk)
            if place is None:
                place = Place(size=session.seats, held=0)
                place.offered, place.waiting = 0, 0
                place.available = session.seats
            session.availability = place

    @property
    def is_full(self) -> bool:
        place = self.availability
        return place.size is not None and place.available < 1


class CourseEnrolment(Application):
    """A seat on one session: confirmed at once while seats are free, else on the waiting list."""

    SCHEME = "course_enrolment"
    LIFECYCLE = "booking"
    TARGET_FIELD = "session"
    WAITLIST = True

    session = models.ForeignKey(
        CourseSession,
        on_delete=models.PROTECT,
        null=True,
        related_name="enrolments",
        verbose_name=_("session"),
    )
    hopes = models.TextField(
        _("what you hope to learn"),
        max_length=1000,
        blank=True,
        help_text=_("Optional. It helps the tutor prepare."),
    )

    PERSONAL_FIELDS = ("hopes",)

    class Meta:
        verbose_name = _("course enrolment")
        verbose_name_plural = _("course enrolments")

    def get_edit_url(self):
        return reverse("courses:apply_details", args=[self.reference])

    def places(self):
        return [self.session.place()] if self.session_id else []

    def confirms_at_once(self) -> bool:
        return True

    def claim(self):
        # One enrolment per person per session. Claims compare whole days, so two short courses
        # on one day are both allowed; a clash of times is the applicant's to judge.
        return Claim(key=f"session:{self.session_id}") if self.session_id else None

    def check_before(self, action: str) -> None:
        # Only taking a seat is refused; cancelling and attendance must stay possible.
        if action not in {"request", "accept_offer", "confirm"}:
            return
        session = self.session
        if session is None:
            raise ValidationError(_("Choose a session first."), code="no_session")
        if session.is_cancelled:
            raise ValidationError(_("This session is cancelled: choose another session."), code="cancelled")
        if action == "request" and not session.course.is_published:
            raise ValidationError(_("This course is not open for enrolment."), code="unpublished")
        if session.has_started():
            raise ValidationError(
                _("This session has already started: choose a later session."), code="started"
            )
