"""The Hong Kong Youth Special Internship Programme's posts, and students' applications to them.

The document says only that posts are offered to Hong Kong university students in the winter
and summer holidays, with the internship subsidy, and that 327 students were hosted so far.
Staff publish each post (`Post`); its places are one `portal.capacity.Place` (services.py), so an
offer (the placement lifecycle's "offer", which takes a place) is refused when every place is
offered or accepted. How long an offer stays open is the office's rule (`PostRules`), not the
document's.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.applications.claims import Claim
from portal.models import ApplicantProfile, Application, ApplicationQuerySet, Status

# The figure the document gives (a Figure row in the catalogue); interns hosted here add to it.
DOCUMENT_INTERNS_HOSTED = 327


class PostRules(models.Model):
    """The office's rules for posts, which the document does not give; staff edit the one row."""

    offer_hours = models.PositiveIntegerField(
        _("hours a student has to answer an offer"),
        default=72,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Set by the office, not by the programme's document. An offer not answered in time expires."
        ),
    )

    class Meta:
        verbose_name = _("internship post rules")
        verbose_name_plural = _("internship post rules")

    def __str__(self):
        return str(_("Internship post rules"))

    @classmethod
    def current(cls) -> "PostRules":
        """The row staff edit, or the defaults while there is none (nothing is written on a read)."""
        return cls.objects.order_by("pk").first() or cls()


class Language(models.TextChoices):
    CANTONESE = "cantonese", _("Cantonese")
    PUTONGHUA = "putonghua", _("Putonghua")
    ENGLISH = "english", _("English")


class PostQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def open(self, today=None):
        """Published posts whose internship has not ended."""
        return self.published().filter(end_date__gte=today or timezone.localdate())


class Post(models.Model):
    class Term(models.TextChoices):
        WINTER = "winter", _("Winter holiday")
        SUMMER = "summer", _("Summer holiday")

    slug = models.SlugField(_("address key"), unique=True)
    host_organisation = models.CharField(_("host organisation"), max_length=200)
    host_base = models.ForeignKey(
        "incubators.Incubator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="internship_posts",
        verbose_name=_("base"),
        help_text=_("The base the host is at, if it is at one: that base's staff see its interns."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    term = models.CharField(_("term"), max_length=10, choices=Term.choices)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    places = models.PositiveIntegerField(_("places"), default=1, validators=[MinValueValidator(1)])
    field = models.ForeignKey(
        "incubators.FieldOfWork",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("field"),
    )
    field_other = models.CharField(
        _("other field"), max_length=100, blank=True, help_text=_("When the field is not in the list.")
    )
    speaks_cantonese = models.BooleanField(_("Cantonese"), default=False)
    speaks_putonghua = models.BooleanField(_("Putonghua"), default=True)
    speaks_english = models.BooleanField(_("English"), default=False)
    location = models.CharField(_("location"), max_length=200)
    published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("internship post")
        verbose_name_plural = _("internship posts")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="post_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="post_has_places"),
        ]

    def __str__(self):
        return f"{self.title} · {self.host_organisation}"

    def get_absolute_url(self):
        return reverse("posts:detail", args=[self.slug])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day must be on or after the first day.")})

    @property
    def field_label(self) -> str:
        return str(self.field) if self.field_id else self.field_other

    @property
    def languages(self) -> list:
        flags = {
            Language.CANTONESE: self.speaks_cantonese,
            Language.PUTONGHUA: self.speaks_putonghua,
            Language.ENGLISH: self.speaks_english,
        }
        return [language.label for language, wanted in flags.items() if wanted]

    def takes_applications(self, today=None) -> bool:
        return self.published and self.end_date >= (today or timezone.localdate())

    def span(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The internship as times for its Place: from the first day's start to the end of the last."""
        zone = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start_date, datetime.time(), tzinfo=zone)
        end = datetime.datetime.combine(
            self.end_date + datetime.timedelta(days=1), datetime.time(), tzinfo=zone
        )
        return start, end


def student_problem(profile: ApplicantProfile | None) -> str:
    """Why this profile cannot apply for a post ("" when it can).

    The document offers the posts to Hong Kong university students; we read that from the profile:
    current situation "student", and a Hong Kong identity card or a travel permit for Hong Kong and
    Macao residents. The office checks the university from the CV.
    """
    if profile is None:
        return str(_("Fill in your profile first."))
    if profile.situation != ApplicantProfile.Situation.STUDENT:
        return str(_("The posts are for university students: your profile does not say you are a student."))
    if profile.id_type not in {ApplicantProfile.IdType.HKID, ApplicantProfile.IdType.TRAVEL_PERMIT}:
        return str(
            _(
                "The posts are for Hong Kong students: your profile needs a Hong Kong identity card "
                "or a travel permit for Hong Kong residents."
            )
        )
    return ""


class PostApplicationQuerySet(ApplicationQuerySet):
    def hosted(self):
        """Accepted offers: the interns hosted."""
        return self.filter(status=Status.ACCEPTED)

    def interns_hosted(self) -> int:
        """Interns the portal has placed, to add to the document's figure (DOCUMENT_INTERNS_HOSTED)."""
        return self.hosted().count()

    def offers_past(self, now=None):
        return self.filter(status=Status.OFFERED, offer_expires_at__lte=now or timezone.now())


class PostApplication(Application):
    """A student's application to one post."""

    SCHEME = "internship_post"
    LIFECYCLE = "placement"
    TARGET_FIELD = "post"
    # An offer is refused when the post is full; there is no waiting list (staff offer again when one frees).
    WAITLIST = False
    # Per-base staff: a post at a base belongs to that base.
    BASE_LOOKUP = "post__host_base"
    DOCUMENT_KINDS = {"cv": _("CV")}
    PERSONAL_FIELDS = ("cover_letter",)

    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, related_name="applications", verbose_name=_("post")
    )
    cover_letter = models.TextField(
        _("cover letter"),
        help_text=_("Why this post, and what you bring: your university, studies and experience."),
    )
    # Set when staff offer the place, from the office's rule (PostRules.offer_hours).
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True, editable=False)

    objects = PostApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("internship post application")
        verbose_name_plural = _("internship post applications")

    def get_edit_url(self):
        return reverse("posts:apply_details", args=[self.reference])

    def get_answer_url(self):
        return reverse("posts:answer", args=[self.reference])

    def claim(self):
        # One application per post; applications to other posts are other claims.
        return Claim(key=f"post:{self.post_id}")

    def places(self):
        from .services import post_place

        return [post_place(self.post)]

    def offer_open(self, now=None) -> bool:
        return (
            self.status == Status.OFFERED
            and self.offer_expires_at is not None
            and self.offer_expires_at > (now or timezone.now())
        )

    def check_before(self, action: str) -> None:
        if action == "submit":
            if not self.post.takes_applications():
                raise ValidationError(_("This post takes no applications now."), code="closed")
            if problem := student_problem(getattr(self.applicant, "profile", None)):
                raise ValidationError(problem, code="not_student")
            if not self.cover_letter.strip():
                raise ValidationError(_("Write your cover letter first."), code="cover_letter")
            if not self.documents.filter(kind="cv").exists():
                raise ValidationError(_("Upload your CV first."), code="cv_missing")
        if action == "accept_place" and not self.offer_open():
            raise ValidationError(_("The offer has expired: it can no longer be accepted."), code="expired")

    def after(self, action: str, *, actor) -> None:
        if action == "offer":
            hours = PostRules.current().offer_hours
            self.offer_expires_at = timezone.now() + datetime.timedelta(hours=hours)
            self.save(update_fields=["offer_expires_at"])
