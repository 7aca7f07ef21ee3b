from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.catalogue.figures import large_rmb
from portal.images import process_photo, validate_image


class FieldOfWork(models.Model):
    """A field a base's teams work in (artificial intelligence, medical technology…)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("field of work")
        verbose_name_plural = _("fields of work")

    def __str__(self):
        return self.name


class IncubatorQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_latest_snapshot(self):
        """Each incubator's newest snapshot as `latest_snapshots` (a list of 0 or 1), in one query."""
        latest = StatisticsSnapshot.objects.latest_per_incubator()
        return self.prefetch_related(
            models.Prefetch("snapshots", queryset=latest, to_attr="latest_snapshots")
        )


class Incubator(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("official name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100)
    summary = models.TextField(_("summary"))
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("address"), max_length=300)
    floors = models.CharField(_("floors"), max_length=100)
    area_m2 = models.PositiveIntegerField(_("floor area (m²)"))
    opened_on = models.DateField(_("opened"), null=True, blank=True)
    distance_futian_port_km = models.DecimalField(
        _("distance to Futian Port (km)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    distance_huanggang_port_km = models.DecimalField(
        _("distance to Huanggang Port (km)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    advantages = models.TextField(_("advantages"), blank=True, help_text=_("One per line."))
    fields_of_work = models.ManyToManyField(FieldOfWork, blank=True, verbose_name=_("fields of work"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    objects = IncubatorQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("incubator")
        verbose_name_plural = _("incubators")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("incubators:detail", args=[self.slug])

    def advantage_list(self):
        return [line.strip() for line in self.advantages.splitlines() if line.strip()]


class Service(models.Model):
    """A service a base offers its teams (the Workshop's full chain, the 7+ community's seven "+")."""

    incubator = models.ForeignKey(Incubator, on_delete=models.CASCADE, related_name="services")
    key = models.SlugField(_("key"))
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["incubator", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["incubator", "key"], name="unique_service_key")]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return self.name


class Facility(models.Model):
    """A shared facility of a base: the shared lab, the Trouble Maker labs, the business transit station."""

    incubator = models.ForeignKey(Incubator, on_delete=models.CASCADE, related_name="facilities")
    key = models.SlugField(_("key"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    who_for = models.CharField(_("who it is for"), max_length=300, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=False)
    since = models.DateField(_("available since"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["incubator", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["incubator", "key"], name="unique_facility_key")]
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")

    def __str__(self):
        return self.name


class Equipment(models.Model):
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="equipment")
    key = models.SlugField(_("key"))
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["facility", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["facility", "key"], name="unique_equipment_key")]
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")

    def __str__(self):
        return self.name


class StatisticsSnapshotQuerySet(models.QuerySet):
    def latest_per_incubator(self):
        """The newest snapshot of each incubator, in one query."""
        newest = (
            self.filter(incubator=models.OuterRef("incubator")).order_by("-as_of", "-id").values("id")[:1]
        )
        return self.filter(id=models.Subquery(newest))


class StatisticsSnapshot(models.Model):
    """A base's results as of a date; figures left empty are those the source does not give."""

    incubator = models.ForeignKey(Incubator, on_delete=models.CASCADE, related_name="snapshots")
    as_of = models.DateField(_("as of"))
    teams_incubated = models.PositiveIntegerField(_("teams incubated"), null=True, blank=True)
    teams_approved = models.PositiveIntegerField(_("teams approved"), null=True, blank=True)
    teams_moved_in = models.PositiveIntegerField(_("teams moved in"), null=True, blank=True)
    teams_hk_macau = models.PositiveIntegerField(
        _("teams with a Hong Kong or Macau background"), null=True, blank=True
    )
    members_at_start = models.PositiveIntegerField(_("team members at start"), null=True, blank=True)
    members_now = models.PositiveIntegerField(_("team members now"), null=True, blank=True)
    members_hk_macau = models.PositiveIntegerField(
        _("Hong Kong or Macau team members"), null=True, blank=True
    )
    ip_items = models.PositiveIntegerField(_("intellectual-property items"), null=True, blank=True)
    teams_ten_million_output = models.PositiveIntegerField(
        _("teams grown to RMB ten-million output"), null=True, blank=True
    )
    financing_rmb = models.DecimalField(
        _("financing raised (RMB)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    recognitions = models.TextField(_("recognitions"), blank=True, help_text=_("One per line."))
    highlights = models.TextField(_("notable results"), blank=True, help_text=_("One per line."))

    objects = StatisticsSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["incubator", "-as_of"]
        constraints = [models.UniqueConstraint(fields=["incubator", "as_of"], name="unique_snapshot_date")]
        verbose_name = _("statistics snapshot")
        verbose_name_plural = _("statistics snapshots")

    def __str__(self):
        return f"{self.incubator} @ {self.as_of:%Y-%m-%d}"

    @property
    def hk_macau_team_percent(self):
        if self.teams_incubated and self.teams_hk_macau is not None:
            return round(100 * self.teams_hk_macau / self.teams_incubated)
        return None

    @property
    def financing_million_rmb(self):
        if self.financing_rmb is None:
            return None
        return self.financing_rmb / 1_000_000

    def financing_text(self) -> str:
        """「人民幣2.775億元」, "RMB 277.5 million": each language's own unit."""
        return large_rmb(self.financing_rmb) if self.financing_rmb is not None else ""

    def recognition_list(self):
        return [line.strip() for line in self.recognitions.splitlines() if line.strip()]

    def highlight_list(self):
        return [line.strip() for line in self.highlights.splitlines() if line.strip()]


class Photo(models.Model):
    """A photo of a base. On save the image is resized, stripped of EXIF and given a thumbnail."""

    incubator = models.ForeignKey(Incubator, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("image"), upload_to="incubators/", validators=[validate_image])
    thumbnail = models.ImageField(_("thumbnail"), upload_to="incubators/thumbs/", editable=False, blank=True)
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    caption = models.CharField(_("caption (describes the photo)"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["incubator", "order", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption

    def save(self, *args, **kwargs):
        # Processing the upload is part of storing a photo, not a side effect:
        # an unprocessed original (with its EXIF location) must never be kept.
        if self.image and not getattr(self.image, "_committed", True):
            self.image, self.thumbnail, self.width, self.height = process_photo(self.image)
        super().save(*args, **kwargs)
