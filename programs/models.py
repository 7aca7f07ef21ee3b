import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Audience(models.Model):
    """Who a programme is for, as the source document names them."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return self.name


class Office(models.Model):
    """The committee's office: how applicants reach it, and the rules it sets for every applicant.

    One row (`Office.current()`). The source document gives no address, hours or phone for the
    office, so they start empty for staff to fill in; nor does it give an age range, so the ages
    are the office's setting, which the profile's date of birth is checked against.
    """

    name = models.CharField(_("office"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    youngest_age = models.PositiveSmallIntegerField(_("youngest age of an applicant"), default=15)
    oldest_age = models.PositiveSmallIntegerField(
        _("oldest age of an applicant"),
        default=80,
        help_text=_("A date of birth beyond it is taken for a typing mistake."),
    )
    # The document sets no cut-off for cancelling a booking; the office does.
    cancel_hours = models.PositiveSmallIntegerField(
        _("cancel up to (hours before a booking starts)"),
        default=24,
        help_text=_("Applicants may cancel a booking until this many hours before it starts."),
    )

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("office")

    def __str__(self):
        return self.name or str(_("Office"))

    @classmethod
    def current(cls) -> "Office":
        """The office's row; before staff save one, its defaults (nothing is written on a page view)."""
        return cls.objects.first() or cls()

    @property
    def has_contact_details(self) -> bool:
        return bool(self.address or self.hours or self.phone or self.email)


class ProgrammeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def applied_for_online(self):
        """Programmes the portal has an application for (today only the internship subsidy's journey)."""
        return self.filter(subsidy_scheme__isnull=False)

    def open_on(self, day: datetime.date):
        """Programmes taking applications on `day`; an empty window end means no deadline."""
        return self.applied_for_online().filter(
            Q(accepts_applications=True),
            Q(opens_on__isnull=True) | Q(opens_on__lte=day),
            Q(closes_on__isnull=True) | Q(closes_on__gte=day),
        )


class Programme(models.Model):
    class Category(models.TextChoices):
        ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship")
        INTERNSHIP = "internship", _("Internship")
        EMPLOYMENT = "employment", _("Employment and business services")
        TRAINING = "training", _("Training")
        INTEGRATION = "integration", _("City integration")

    class Group(models.TextChoices):
        PROGRAMMES = "programmes", _("Programmes")
        LIFE = "life", _("Life services")

    slug = models.SlugField(unique=True)
    name = models.CharField(_("official name"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    group = models.CharField(_("group"), max_length=20, choices=Group.choices, default=Group.PROGRAMMES)
    summary = models.TextField(_("summary"))
    description = models.TextField(_("description"), blank=True)
    partner = models.CharField(_("partner"), max_length=200, blank=True)
    audiences = models.ManyToManyField(Audience, blank=True, verbose_name=_("who it is for"))
    is_free = models.BooleanField(_("free of charge"), default=False)
    # Rules the source document does not give: staff set them; empty means "no limit".
    accepts_applications = models.BooleanField(
        _("takes applications"),
        default=True,
        help_text=_(
            "Only a programme the portal has an application for (today the internship subsidy) is shown "
            "as open; the others tell applicants to contact the office."
        ),
    )
    opens_on = models.DateField(_("applications open"), null=True, blank=True)
    closes_on = models.DateField(_("applications close"), null=True, blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programs:detail", args=[self.slug])

    @property
    def applies_online(self) -> bool:
        """Whether the portal takes applications for it; for the rest, applicants contact the office."""
        return hasattr(self, "subsidy_scheme")

    def is_open(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return (
            self.applies_online
            and self.accepts_applications
            and (self.opens_on is None or self.opens_on <= day)
            and (self.closes_on is None or self.closes_on >= day)
        )


class Feature(models.Model):
    """One thing a programme provides (a free counselling service, a coaching period…)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="features")
    key = models.SlugField(_("key"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["programme", "key"], name="unique_feature_key")]
        verbose_name = _("feature")
        verbose_name_plural = _("features")

    def __str__(self):
        return self.name


class Figure(models.Model):
    """A figure the committee reports for a programme (327 interns hosted, 76 batches served…)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="figures")
    key = models.SlugField(_("key"))
    value = models.PositiveIntegerField(_("value"))
    label = models.CharField(_("label"), max_length=200)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["programme", "key"], name="unique_figure_key")]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self):
        return f"{self.value} {self.label}"


class CourseCategory(models.Model):
    """A kind of training course (entrepreneurship, career, interest)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="course_categories")
    key = models.SlugField(_("key"))
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "key"], name="unique_course_category_key")
        ]
        verbose_name = _("course category")
        verbose_name_plural = _("course categories")

    def __str__(self):
        return self.name


class Activity(models.Model):
    """A city-integration activity; the source names four examples, staff add dated ones."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="activities")
    key = models.SlugField(_("key"))
    name = models.CharField(_("official name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("date"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["programme", "key"], name="unique_activity_key")]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.name
