"""What crosses the schemes: the applicant's profile and consents, and the one application workflow.

Every scheme's application is a subclass of `Application` (multi-table inheritance):
the base row carries reference, applicant, status, assignment and timeline, so one
staff queue lists every scheme; the subclass adds only the scheme's own fields.
Status changes happen only through `portal.applications.workflow.perform`.
"""

import datetime
import os
import re
import unicodedata

import phonenumbers
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import FileSystemStorage
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Degree(models.TextChoices):
    ASSOCIATE = "associate", _("Associate degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")


def canonical_id_number(raw: str) -> str:
    """A document number as compared for "the same person": full-width folded, capitals, no spaces,
    dashes or brackets ("a 123456 (7)" and "A1234567" are one number). It does not check the shape:
    the profile form does that.
    """
    return re.sub(r"[\s\-–/()]", "", unicodedata.normalize("NFKC", raw or "")).upper()


class ApplicantProfile(models.Model):
    """Filled once, reused by every application."""

    class IdType(models.TextChoices):
        HKID = "hkid", _("Hong Kong identity card")
        MACAU_ID = "macau_id", _("Macau identity card")
        TRAVEL_PERMIT = "travel_permit", _("Mainland Travel Permit for Hong Kong and Macao Residents")
        PASSPORT = "passport", _("Passport")

    class Situation(models.TextChoices):
        STUDENT = "student", _("Student")
        GRADUATE = "graduate", _("Recent graduate")
        EMPLOYED = "employed", _("Employed")
        FOUNDER = "founder", _("Running a start-up")

    class PhoneRegion(models.TextChoices):
        HK = "HK", _("Hong Kong (+852)")
        MO = "MO", _("Macau (+853)")
        CN = "CN", _("Mainland China (+86)")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    name_zh = models.CharField(_("name in Chinese"), max_length=50)
    name_en = models.CharField(_("name in English"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    id_type = models.CharField(_("identity document"), max_length=20, choices=IdType.choices)
    id_number = models.CharField(_("document number"), max_length=30)
    # Derived from id_number on every save; the database keeps one profile per document with it.
    id_number_normalised = models.CharField(max_length=30, editable=False, default="")
    phone_region = models.CharField(_("phone region"), max_length=2, choices=PhoneRegion.choices)
    phone = models.CharField(_("phone number"), max_length=20, help_text=_("Stored in international form."))
    education = models.CharField(_("highest education"), max_length=20, choices=Degree.choices)
    institution = models.CharField(_("institution"), max_length=200)
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"))
    situation = models.CharField(_("current situation"), max_length=20, choices=Situation.choices)
    works_in_hetao = models.BooleanField(
        _("I work in the Hetao Shenzhen-Hong Kong cooperation zone"), default=False
    )
    language = models.CharField(
        _("language for emails"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["id_number", "id_number_normalised"])

    class Meta:
        verbose_name = _("applicant profile")
        verbose_name_plural = _("applicant profiles")
        constraints = [
            # One identity document, one account. Closing an account deletes its profile, which
            # frees the number; an empty number (never saved by the form) collides with nothing.
            models.UniqueConstraint(
                fields=["id_type", "id_number_normalised"],
                condition=~models.Q(id_number_normalised=""),
                name="one_profile_per_identity_document",
            )
        ]

    def __str__(self):
        return f"{self.name_zh} / {self.name_en}"

    def save(self, *args, **kwargs):
        # A derived column only, so admin edits, imports and the form all compare numbers the same way.
        self.id_number_normalised = canonical_id_number(self.id_number)
        if (fields := kwargs.get("update_fields")) is not None and "id_number" in fields:
            kwargs["update_fields"] = {*fields, "id_number_normalised"}
        super().save(*args, **kwargs)

    @property
    def phone_display(self) -> str:
        """The phone as people read it, the same on every page: +852 9123 4567 (stored as E.164)."""
        try:
            number = phonenumbers.parse(self.phone)
        except phonenumbers.NumberParseException:
            return self.phone
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    @property
    def masked_id_number(self) -> str:
        """The document number as shown everywhere but to reviewers: first and last two characters."""
        number = self.id_number
        if len(number) <= 4:
            return "•" * len(number)
        return number[:1] + "•" * (len(number) - 3) + number[-2:]

    def age_on(self, day: datetime.date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class Consent(models.Model):
    """One consent given (or withdrawn) by an applicant, kept with its time and notice version."""

    class Kind(models.TextChoices):
        PRIVACY_NOTICE = "privacy_notice", _("I have read the privacy notice")
        SENSITIVE_DATA = "sensitive_data", _("I agree to the processing of my identity document data")
        CROSS_BORDER = "cross_border", _("I agree to my data moving between Shenzhen and Hong Kong")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(_("consent"), max_length=20, choices=Kind.choices)
    version = models.CharField(_("notice version"), max_length=20)
    given = models.BooleanField(_("given"), default=True)
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.version})"

    @classmethod
    def latest_for(cls, user) -> dict[str, "Consent"]:
        """Each kind's most recent row for `user`, given or withdrawn (one query)."""
        latest: dict[str, Consent] = {}
        for consent in cls.objects.filter(user=user).order_by("-at", "-id"):
            latest.setdefault(consent.kind, consent)
        return latest

    @classmethod
    def current_kinds(cls, user) -> set[str]:
        """The kinds `user` has given for the privacy notice as it is now."""
        version = settings.PRIVACY_NOTICE_VERSION
        return {kind for kind, row in cls.latest_for(user).items() if row.given and row.version == version}

    @classmethod
    def has_current_consents(cls, user) -> bool:
        """Whether `user` has given every consent for the current notice: applications need all three."""
        if not user.is_authenticated:
            return False
        return set(cls.Kind.values) <= cls.current_kinds(user)

    @classmethod
    def record(cls, user, states: dict[str, bool]) -> list["Consent"]:
        """Store the applicant's answer for each kind in `states`, with the time and notice version.

        A row is written only when something changed: the answer, or (for a consent given)
        the notice version. Re-saving a profile therefore adds nothing to the record.
        """
        version = settings.PRIVACY_NOTICE_VERSION
        with transaction.atomic():
            # Two saves at once take turns, so both cannot write the same change.
            get_user_model().objects.select_for_update().filter(pk=user.pk).first()
            latest = cls.latest_for(user)
            now = timezone.now()
            rows = []
            for kind, given in states.items():
                previous = latest.get(kind)
                if previous is None:
                    changed = given
                else:
                    changed = previous.given != given or (given and previous.version != version)
                if changed:
                    rows.append(cls(user=user, kind=kind, given=given, version=version, at=now))
            return cls.objects.bulk_create(rows)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    MORE_INFO = "more_info", _("More information needed")
    RESUBMITTED = "resubmitted", _("Information sent")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # The booking lifecycle's (portal.applications.lifecycles.BOOKING).
    REQUESTED = "requested", _("Requested")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CONFIRMED = "confirmed", _("Confirmed")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Absent")
    CANCELLED = "cancelled", _("Cancelled")
    # The cohort lifecycle's (a programme's intake, coaching and awards).
    ACCEPTED = "accepted", _("Accepted")
    AWARDED = "awarded", _("Awarded")
    NOT_AWARDED = "not_awarded", _("Not awarded")
    # The placement lifecycle's (an internship post: shortlist, offer, answer).
    SHORTLISTED = "shortlisted", _("Shortlisted")
    OFFERED = "offered", _("Offered")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Offer expired")


def mask(value: str) -> str:
    """A number as shown to people who need not read it whole: its last four characters."""
    return f"•••• {value[-4:]}" if value else ""


class ApplicationQuerySet(models.QuerySet):
    def for_user(self, user):
        """An applicant's own applications; anyone else's do not exist for them."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(applicant=user)

    def waiting(self):
        """Waiting for staff, in whichever lifecycle (see `Lifecycle.waiting`)."""
        from portal.applications.lifecycles import statuses

        return self.filter(status__in=statuses("waiting"))


class Application(models.Model):
    """The part every scheme's application shares. Never edit `status` directly: use workflow.perform."""

    # Each subclass sets its scheme key; the registry maps keys back to models.
    SCHEME = ""
    # The name of its lifecycle in portal.applications.lifecycles.LIFECYCLES.
    LIFECYCLE = "review"
    # The name of the scheme's foreign key to what each application is for (a session, a unit…),
    # or "" when its applications are for no particular thing.
    TARGET_FIELD = ""
    # The ORM path from the scheme's application to the incubators.Incubator it belongs to (e.g.
    # "incubator", "equipment__incubator"), or "" when it belongs to no base: a base manager
    # (portal.staffbases) sees only their bases' applications; the committee sees all. See `in_bases`.
    BASE_LOOKUP = ""
    registry: dict[str, type["Application"]] = {}

    # NULL only between the first insert and the update that derives it from the id; unique
    # allows many NULLs but not many "", hence null rather than blank.
    reference = models.CharField(  # noqa: DJ001
        _("reference"), max_length=20, unique=True, editable=False, null=True
    )
    scheme = models.CharField(_("scheme"), max_length=40, editable=False, db_index=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
        db_index=True,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_applications",
        verbose_name=_("reviewer"),
        limit_choices_to={"is_staff": True},
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False, db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    # The applicant's identity document ("hkid:A1234563") as it was when they submitted, so that a
    # claim made again from another account, or after changing the profile, is still the same
    # person's (portal.applications.claims). Cleared when the account closes; never in the edit history.
    identity_key = models.CharField(max_length=60, blank=True, default="", editable=False, db_index=True)

    objects = ApplicationQuerySet.as_manager()
    history = HistoricalRecords(inherit=True, excluded_fields=["identity_key"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        permissions = [
            ("review_application", _("Can review applications (start review, ask for information)")),
            ("decide_application", _("Can approve or reject applications")),
        ]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.SCHEME:
            Application.registry[cls.SCHEME] = cls

    def __str__(self):
        return self.reference or str(_("New application"))

    def save(self, *args, **kwargs):
        if not self.scheme:
            self.scheme = self.SCHEME
        super().save(*args, **kwargs)
        if not self.reference:
            # The reference is derived from the id, so it is set right after the first insert.
            self.reference = f"FT-{self.created_at:%Y}-{self.pk:06d}"
            type(self).objects.filter(pk=self.pk).update(reference=self.reference)

    def get_absolute_url(self):
        return reverse("applications:detail", args=[self.reference])

    @classmethod
    def in_bases(cls, bases) -> models.Q:
        """A filter for this model's queryset: the applications that belong to one of `bases`
        (incubator ids, or a subquery of them), by each scheme's BASE_LOOKUP.

        On the base table it covers every scheme at once, with one id subquery per scheme that has
        a base, so the queue stays one query; a scheme with no base matches nothing.
        """
        if cls is not Application:
            if not cls.BASE_LOOKUP:
                return models.Q(pk__in=[])
            return models.Q(**{f"{cls.BASE_LOOKUP}__in": bases})
        found = models.Q(pk__in=[])
        for key, model in sorted(Application.registry.items()):
            if model.BASE_LOOKUP:
                ids = model.objects.filter(**{f"{model.BASE_LOOKUP}__in": bases}).values("pk")
                found |= models.Q(scheme=key, pk__in=ids)
        return found

    @cached_property
    def specific(self) -> "Application":
        """This application as its scheme's model (one query when reached from the base table)."""
        model = Application.registry.get(self.scheme)
        if model is None or isinstance(self, model):
            return self
        return model.objects.get(pk=self.pk)

    @property
    def scheme_name(self):
        model = Application.registry.get(self.scheme)
        return model._meta.verbose_name if model else self.scheme

    def get_edit_url(self):
        """Where the applicant continues a draft; each scheme names its own form."""
        return self.get_absolute_url()

    @property
    def target(self):
        """What this application is for (see TARGET_FIELD), or None."""
        if "_target" in self.__dict__:  # set for a whole page at once by `load_targets`
            return self.__dict__["_target"]
        field = Application.registry.get(self.scheme, type(self)).TARGET_FIELD
        return getattr(self.specific, field) if field else None

    @staticmethod
    def load_targets(applications) -> None:
        """Fetch the targets of a list of base rows with one query per scheme that has targets."""
        by_scheme: dict[str, list[Application]] = {}
        for application in applications:
            by_scheme.setdefault(application.scheme, []).append(application)
        for scheme, rows in by_scheme.items():
            model = Application.registry.get(scheme)
            field = model.TARGET_FIELD if model else ""
            if not field:
                for row in rows:
                    row.__dict__["_target"] = None
                continue
            found = model.objects.filter(pk__in=[row.pk for row in rows]).select_related(field)
            targets = {row.pk: getattr(row, field) for row in found}
            for row in rows:
                row.__dict__["_target"] = targets.get(row.pk)

    @property
    def target_label(self) -> str:
        target = self.target
        return str(target) if target is not None else ""

    @property
    def lifecycle(self):
        """The scheme's lifecycle, also for a row read from the base table."""
        from portal.applications.lifecycles import LIFECYCLES

        return LIFECYCLES[Application.registry.get(self.scheme, type(self)).LIFECYCLE]

    @property
    def is_decided(self):
        return self.status in self.lifecycle.decided

    def days_waiting(self, now=None) -> int | None:
        if not self.submitted_at or self.is_decided:
            return None
        return ((now or timezone.now()) - self.submitted_at).days

    # Labels of the kinds of document a scheme takes (Document.kind); a scheme adds its own.
    DOCUMENT_KINDS = {"response": _("Sent with an answer")}
    # A scheme's text fields that identify the applicant, emptied when they close their account.
    PERSONAL_FIELDS: tuple[str, ...] = ()
    # Fields shown only masked (see `mask`) wherever the scheme does not decide otherwise.
    MASKED_FIELDS: tuple[str, ...] = ()

    # Hooks a scheme may override; the workflow calls them inside its transaction.
    def claim(self):
        """What this application claims, as a `portal.applications.claims.Claim`, or None if the
        scheme has no notion.

        Two applications of one scheme by the same person whose claims overlap are "the same
        claim": the second cannot be submitted while the first is undecided or approved.
        """
        return None

    def check_before(self, action: str) -> None:
        """Raise ValidationError to refuse `action` (e.g. submit without a required document)."""

    def after(self, action: str, *, actor) -> None:
        """Do the scheme's own work once `action` has been applied (e.g. a payment schedule on approval)."""

    def cancel_cutoff(self) -> datetime.datetime | None:
        """When the applicant may no longer cancel a booking; None: no cut-off.

        By default the office's: so many hours before the booking starts (programs.Office).
        """
        from portal.capacity.bookings import cancel_cutoff

        return cancel_cutoff(self)

    # A standing approval some schemes need first (proof of working in Hetao, a research team
    # confirmed by staff): the scheme of that approval, and for how many days it stays valid
    # (None: until withdrawn). See `standing_approval` and `Journey.start`.
    PREREQUISITE: str = ""

    @classmethod
    def prerequisite_days(cls) -> int | None:
        return None

    @classmethod
    def standing_approval(cls, user, now=None) -> "Application | None":
        """`user`'s approved application of this scheme that is still valid, if any.

        The scheme decides how long an approval lasts (`prerequisite_days`, which may read a row
        staff change): checked once by staff, then used for every booking until it lapses.
        """
        approved = cls.objects.for_user(user).filter(status=Status.APPROVED).order_by("-decided_at")
        days = cls.prerequisite_days()
        if days is not None:
            since = (now or timezone.now()) - datetime.timedelta(days=days)
            approved = approved.filter(decided_at__gte=since)
        return approved.first()

    def valid_until(self) -> datetime.datetime | None:
        """For an approval others rely on (see PREREQUISITE): when it stops being valid."""
        days = type(self).prerequisite_days()
        if days is None or self.decided_at is None:
            return None
        return self.decided_at + datetime.timedelta(days=days)

    # Places (portal.capacity.bookings). A scheme whose applications take places overrides these.
    # Whether a booking that finds a place full may wait for it (else it is refused).
    WAITLIST = True

    def places(self) -> list:
        """The `portal.capacity.models.Place` rows this application takes (create them on demand),
        each timed: `day` for a night, `starts_at`/`ends_at` for a session, an event or a slot."""
        return []

    def place_quantity(self) -> int:
        return 1

    def confirms_at_once(self) -> bool:
        """Whether the portal confirms the booking itself once its places are held (no staff review)."""
        return False

    def place_offered(self, *, places, expires_at) -> None:
        """A place freed up for this waiting application: tell the applicant (after commit)."""
        from portal.applications.tasks import send_offer_email

        send_offer_email.enqueue(self.pk)


class StatusChange(models.Model):
    """The audit trail and the applicant's timeline: who did what, when, from which state to which."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name=_("by")
    )
    by_staff = models.BooleanField(_("by staff"), default=False)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.application}: {self.get_from_status_display()} → {self.get_to_status_display()}"


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, which has no public URL: they are served only by a view."""

    @property
    def base_location(self):
        # Read the setting on each use (not once at import) so tests and deployments can move it.
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; link to documents:download instead.")


def private_storage():
    return PrivateStorage()


def document_path(instance, filename):
    return f"applications/{instance.application_id}/{timezone.now():%Y%m%d%H%M%S%f}-{filename}"


class Document(models.Model):
    """A file an applicant gave with an application; served only through `documents:download`."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=40)
    file = models.FileField(_("file"), upload_to=document_path, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("documents:download", args=[self.pk])

    @property
    def kind_label(self) -> str:
        """The kind in the reader's language, whichever scheme declared it (Application.DOCUMENT_KINDS)."""
        for model in (Application, *Application.registry.values()):
            if self.kind in model.DOCUMENT_KINDS:
                return model.DOCUMENT_KINDS[self.kind]
        return self.kind
