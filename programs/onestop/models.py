"""The Hong Kong Youth Entrepreneurship and Employment One-stop Service Office (香港青年创业就业一站式服务处).

The document says the office gives free employment and entrepreneurship counselling, and free agency
services for company registration (工商登记) and opening a corporate bank account (开设对公账号), and
that it has served 76 batches of Hong Kong youth. Everything else here is the office's rule, set by
staff: the counselling hours, slot length, booking window and counsellors per slot (`OnestopRules`),
and the steps of each agency service (`AgencyStep`).

- Counselling is a booking (`CounsellingAppointment`): one slot `Place` on the rules row per start
  time, its size the counsellors on duty, held by the shared workflow.
- An agency request is reviewed (`AgencyRequest`); once approved, staff record each step the agency
  work reaches (`StepRecord`, through `services.record_next_step`), and the applicant sees them.
- Staff record the batches of youth served (`ServiceBatch`), counted after the document's figure.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.applications.claims import Claim
from portal.capacity.models import Place
from portal.models import Application, Status

# The figure the document gives ("服务香港青年76批次"); batches staff record are counted after it.
DOCUMENT_BATCHES = 76


class OnestopRules(models.Model):
    """The office's own rules for counselling (one row, `OnestopRules.current()`); the document gives none."""

    opens_at = models.TimeField(_("first slot starts"), default=datetime.time(9, 30))
    closes_at = models.TimeField(_("last slot ends by"), default=datetime.time(17, 30))
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), default=60, validators=[MinValueValidator(15), MaxValueValidator(240)]
    )
    open_weekdays = models.CharField(
        _("open days"),
        max_length=7,
        default="12345",
        validators=[RegexValidator(r"^[1-7]{1,7}$", _("Digits 1 (Monday) to 7 (Sunday), e.g. 12345."))],
        help_text=_("Digits 1 (Monday) to 7 (Sunday), e.g. 12345 for Monday to Friday."),
    )
    book_days_ahead = models.PositiveSmallIntegerField(
        _("bookable up to (days ahead)"), default=14, validators=[MaxValueValidator(365)]
    )
    counsellors = models.PositiveSmallIntegerField(
        _("counsellors per slot"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_(
            "How many people can be seen at once. A slot already booked keeps its size: change it "
            "under Places."
        ),
    )
    confirm_at_once = models.BooleanField(
        _("confirm counselling bookings at once"),
        default=True,
        help_text=_("Off: staff confirm each booking themselves."),
    )
    batches_before = models.PositiveIntegerField(
        _("batches served before the portal"),
        default=DOCUMENT_BATCHES,
        help_text=_("The document's figure (76 batches); batches recorded here are added to it."),
    )

    class Meta:
        verbose_name = _("one-stop office rules")
        verbose_name_plural = _("one-stop office rules")

    def __str__(self):
        return str(_("One-stop office rules"))

    @classmethod
    def current(cls) -> "OnestopRules":
        """The row staff saved, or the defaults (nothing is written on a page view)."""
        return cls.objects.order_by("pk").first() or cls()

    @classmethod
    def saved(cls) -> "OnestopRules":
        """The row itself, created with the defaults when first needed: the slots' places belong to it."""
        return cls.objects.order_by("pk").first() or cls.objects.create()

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The last slot must end after the first one starts.")})
        if self.opens_at and self.closes_at and self.slot_minutes and not self.slot_times():
            raise ValidationError({"slot_minutes": _("No slot of this length fits between these hours.")})

    @property
    def weekdays(self) -> list[int]:
        return sorted({int(d) for d in self.open_weekdays if d in "1234567"})

    def is_open_on(self, day: datetime.date) -> bool:
        return day.isoweekday() in self.weekdays

    def slot_times(self) -> list[datetime.time]:
        """The start of every slot in a day, the last one ending by `closes_at`."""
        times = []
        start = datetime.datetime.combine(datetime.date(2000, 1, 1), self.opens_at)
        end = datetime.datetime.combine(datetime.date(2000, 1, 1), self.closes_at)
        length = datetime.timedelta(minutes=self.slot_minutes)
        while start + length <= end:
            times.append(start.time())
            start += length
        return times

    def slot_end(self, start: datetime.datetime) -> datetime.datetime:
        return start + datetime.timedelta(minutes=self.slot_minutes)

    def last_bookable_day(self, today: datetime.date) -> datetime.date:
        return today + datetime.timedelta(days=self.book_days_ahead)

    def slot_problem(self, start: datetime.datetime, now=None) -> str | None:
        """Why `start` (aware) cannot be booked now, or None; a full slot is for the place to refuse."""
        now = now or timezone.now()
        local = timezone.localtime(start)
        if start <= now:
            return str(_("This slot has already started or passed. Choose a later one."))
        if not self.is_open_on(local.date()):
            return str(
                _("The office has no counselling on %(weekday)s. Choose another day.")
                % {"weekday": date_format(local.date(), "l")}
            )
        if local.date() > self.last_bookable_day(timezone.localdate(now)):
            return str(_("Slots can be booked at most %(days)s days ahead.") % {"days": self.book_days_ahead})
        if local.time().replace(second=0, microsecond=0) not in self.slot_times() or local.second:
            return str(_("Choose one of the start times in the list."))
        return None

    def slot_place(self, start: datetime.datetime) -> Place:
        """The slot's place, created with the counsellors on duty as its size if missing.

        Safe when two people book the same new slot at once: the unique constraint keeps one row.
        """
        if self.pk is None:
            self.pk = OnestopRules.saved().pk
        target_type = ContentType.objects.get_for_model(OnestopRules)
        Place.objects.bulk_create(
            [
                Place(
                    target_type=target_type,
                    target_id=self.pk,
                    starts_at=start,
                    ends_at=self.slot_end(start),
                    size=self.counsellors,
                )
            ],
            ignore_conflicts=True,
        )
        return Place.objects.get(target_type=target_type, target_id=self.pk, starts_at=start)

    def taken_starts(self, day: datetime.date) -> set[datetime.datetime]:
        """The slots of `day` that are full (one query)."""
        if self.pk is None:
            return set()
        first = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
        places = Place.objects.for_target(self).filter(
            starts_at__gte=first, starts_at__lt=first + datetime.timedelta(days=1)
        )
        return {
            p.starts_at
            for p in places.only("starts_at", "size", "held")
            if p.size is not None and p.held >= p.size
        }

    def batches_served(self) -> int:
        """For the district figures: the document's batches, then those staff recorded."""
        return self.batches_before + ServiceBatch.objects.count()


class CounsellingAppointment(Application):
    """A free counselling appointment in one of the office's slots (employment or entrepreneurship)."""

    SCHEME = "onestop_counselling"
    LIFECYCLE = "booking"
    # A full slot: the applicant chooses another one (the office keeps no waiting list for counselling).
    WAITLIST = False

    class Topic(models.TextChoices):
        EMPLOYMENT = "employment", _("Employment counselling")
        ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship counselling")

    topic = models.CharField(_("counselling"), max_length=20, choices=Topic.choices, blank=True)
    starts_at = models.DateTimeField(_("slot"), null=True, blank=True)
    note = models.CharField(
        _("what you would like to talk about"),
        max_length=300,
        blank=True,
        help_text=_("A sentence or two, so the counsellor can prepare."),
    )

    PERSONAL_FIELDS = ("note",)

    class Meta:
        verbose_name = _("one-stop office counselling")
        verbose_name_plural = _("one-stop office counselling")

    def get_edit_url(self):
        return reverse("onestop:counselling:apply_details", args=[self.reference])

    @property
    def ends_at(self):
        return OnestopRules.current().slot_end(self.starts_at) if self.starts_at else None

    def places(self) -> list:
        if self.starts_at is None:
            return []
        return [OnestopRules.current().slot_place(self.starts_at)]

    def confirms_at_once(self) -> bool:
        return OnestopRules.current().confirm_at_once

    def claim(self):
        # One person, one appointment at a time: two bookings of the same slot are the same claim.
        if self.starts_at is None:
            return None
        return Claim(key=timezone.localtime(self.starts_at).strftime("%Y-%m-%dT%H:%M"))

    def check_before(self, action: str) -> None:
        if action == "request":
            if not self.topic or self.starts_at is None:
                raise ValidationError(_("Choose the counselling and a slot first."), code="slot_missing")
            if problem := OnestopRules.current().slot_problem(self.starts_at):
                raise ValidationError(problem, code="slot")


class Service(models.TextChoices):
    COMPANY_REGISTRATION = "company_registration", _("Company registration")
    BANK_ACCOUNT = "bank_account", _("Corporate bank account")


class AgencyStepQuerySet(models.QuerySet):
    def of(self, service: str):
        return self.filter(service=service).order_by("order", "pk")


class AgencyStep(models.Model):
    """One of the office's steps for an agency service; the document names the services, not their steps."""

    service = models.CharField(_("service"), max_length=30, choices=Service.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("step"), max_length=100)

    objects = AgencyStepQuerySet.as_manager()

    class Meta:
        ordering = ["service", "order", "pk"]
        verbose_name = _("agency step")
        verbose_name_plural = _("agency steps")
        constraints = [models.UniqueConstraint(fields=["service", "order"], name="onestop_step_order_unique")]

    def __str__(self):
        return f"{self.get_service_display()} · {self.order}. {self.name}"


class AgencyRequest(Application):
    """A request that the office acts as agent: registering a company, or opening its bank account."""

    SCHEME = "onestop_agency"

    service = models.CharField(_("service"), max_length=30, choices=Service.choices, blank=True)
    company_name = models.CharField(
        _("company name"),
        max_length=200,
        blank=True,
        help_text=_("The registered name, or for a new company the name you propose."),
    )
    business_scope = models.TextField(
        _("what the company does"),
        max_length=1000,
        blank=True,
        help_text=_("Its business in a few sentences (for company registration)."),
    )
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-9A-Z]{18}$", _("Enter the 18 characters of the code, e.g. 91440300MA5XXXXXXX.")
            )
        ],
        help_text=_("On the business licence (for a bank account). 18 digits and capital letters."),
    )
    preferred_bank = models.CharField(
        _("bank you would like"), max_length=100, blank=True, help_text=_("Optional.")
    )
    authorises = models.BooleanField(
        _("I authorise the one-stop office to act for me with the authorities and the bank for this service"),
        default=False,
    )

    DOCUMENT_KINDS = {"authorisation": _("Signed authorisation letter")}

    class Meta:
        verbose_name = _("one-stop office agency request")
        verbose_name_plural = _("one-stop office agency requests")
        permissions = [("move_agency_step", _("Can record the steps an agency request reaches"))]

    def get_edit_url(self):
        return reverse("onestop:agency:apply_details", args=[self.reference])

    def claim(self):
        # One open request per service and company: the office does not file the same thing twice.
        if not self.service:
            return None
        return Claim(key=f"{self.service}:{self.company_name.strip().casefold()}")

    def check_before(self, action: str) -> None:
        if action in {"submit", "resubmit"}:
            if not self.service or not self.company_name:
                raise ValidationError(_("Fill in the service and the company first."), code="details_missing")
            if not self.authorises:
                raise ValidationError(_("Tick the authorisation first."), code="no_authorisation")
            if not self.documents.filter(kind="authorisation").exists():
                raise ValidationError(_("Upload the signed authorisation letter."), code="letter_missing")

    # --- the steps ------------------------------------------------------------------------------

    def step_rows(self) -> list[dict]:
        """Each of the service's steps with its record, if reached: [{"step", "record"}] (two queries)."""
        records = {r.step_id: r for r in self.step_records.all()}
        return [
            {"step": step, "record": records.get(step.pk)} for step in AgencyStep.objects.of(self.service)
        ]

    def next_step(self) -> "AgencyStep | None":
        reached = self.step_records.values("step")
        return AgencyStep.objects.of(self.service).exclude(pk__in=reached).first()

    @property
    def may_move(self) -> bool:
        return self.status == Status.APPROVED


class StepRecord(models.Model):
    """A step an agency request reached, on which day, recorded by whom (`services.record_next_step`)."""

    request = models.ForeignKey(
        AgencyRequest, on_delete=models.CASCADE, related_name="step_records", verbose_name=_("request")
    )
    step = models.ForeignKey(AgencyStep, on_delete=models.PROTECT, related_name="+", verbose_name=_("step"))
    at = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    note = models.CharField(_("note to the applicant"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["step__order", "pk"]
        verbose_name = _("step reached")
        verbose_name_plural = _("steps reached")
        constraints = [models.UniqueConstraint(fields=["request", "step"], name="onestop_step_once")]

    def __str__(self):
        return f"{self.request} · {self.step.name}"


class ServiceBatch(models.Model):
    """A batch of Hong Kong youth the office served, as staff record it."""

    day = models.DateField(_("date"))
    youth = models.PositiveIntegerField(_("number of youth"), validators=[MinValueValidator(1)])
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-day", "-pk"]
        verbose_name = _("batch served")
        verbose_name_plural = _("batches served")

    def __str__(self):
        return f"{self.day:%Y-%m-%d} · {self.youth}"

    @classmethod
    def figures(cls) -> dict:
        """The district figures: batches (after the document's) and youth recorded, in one query each."""
        recorded = cls.objects.aggregate(count=models.Count("pk"), youth=Sum("youth"))
        return {
            "batches": OnestopRules.current().batches_before + recorded["count"],
            "recorded_batches": recorded["count"],
            "recorded_youth": recorded["youth"] or 0,
        }
