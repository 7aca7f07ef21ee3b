from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal.admin.base import ApplicationAdminBase, CatalogueAdmin, slug_column
from portal.applications.workflow import TransitionError
from portal.capacity.models import Place, WaitlistEntry
from portal.models import Status

from . import services
from .forms import CancelSessionsForm
from .models import Course, CourseEnrolment, CourseSession


@admin.register(Course)
class CourseAdmin(CatalogueAdmin):
    list_display = ("name", "category", slug_column, "order", "is_published", "sessions_link")
    list_filter = ("category", "is_published")
    list_select_related = ("category",)
    search_fields = ("name_zh_hant", "name_en", "name_zh_hans", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    fields = ("category", "slug", "name", "summary", "description", "order", "is_published")

    @admin.display(description=_("sessions"))
    def sessions_link(self, course):
        url = reverse("admin:courses_coursesession_changelist", current_app=self.admin_site.name)
        return format_html('<a href="{}?course__id__exact={}">{}</a>', url, course.pk, gettext("Sessions"))


def _place_of_session():
    return Place.objects.filter(
        target_type=ContentType.objects.get_for_model(CourseSession), target_id=OuterRef("pk")
    )


class CourseSessionAdminForm(admin.options.forms.ModelForm):
    def clean(self):
        data = super().clean()
        # Friendly now; `services.save_session` checks again under the row lock when saving.
        try:
            self.instance.seats = data.get("seats")
            services.check_seats(self.instance)
        except ValidationError as error:
            self.add_error("seats", error.message_dict["size"])
        return data


@admin.register(CourseSession)
class CourseSessionAdmin(CatalogueAdmin):
    form = CourseSessionAdminForm
    list_display = (
        "__str__",
        "starts_at",
        "venue",
        "seats_display",
        "taken",
        "waiting",
        "attended",
        "is_cancelled",
        "attendance_link",
    )
    list_filter = ("course", "is_cancelled", ("starts_at", admin.DateFieldListFilter))
    list_select_related = ("course",)
    search_fields = ("course__name_zh_hant", "course__name_en", "course__name_zh_hans", "slug")
    date_hierarchy = "starts_at"
    fields = ("course", "starts_at", "ends_at", "venue", "seats", "slug", "is_cancelled")
    readonly_fields = ("is_cancelled",)
    actions = ["cancel_sessions"]
    show_facets = admin.ShowFacets.NEVER
    attendance_template = "admin/courses/coursesession/attendance.html"
    cancel_template = "admin/courses/coursesession/cancel.html"

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_readonly_fields(self, request, obj=None):
        # The address key is in links already sent: it stays once the session exists.
        return (*self.readonly_fields, "slug") if obj is not None else self.readonly_fields

    def get_queryset(self, request):
        # Seats, taken, waiting and attended for the whole page in one query.
        place = _place_of_session()
        waiting = (
            WaitlistEntry.objects.filter(
                place__target_type=ContentType.objects.get_for_model(CourseSession),
                place__target_id=OuterRef("pk"),
                status=WaitlistEntry.Status.WAITING,
            )
            .order_by()
            .values("place")
            .annotate(total=Sum("quantity"))
            .values("total")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                taken_count=Coalesce(
                    Subquery(place.values("held")[:1], output_field=IntegerField()), Value(0)
                ),
                waiting_count=Coalesce(Subquery(waiting[:1], output_field=IntegerField()), Value(0)),
                attended_count=Count("enrolments", filter=Q(enrolments__status=Status.ATTENDED)),
            )
        )

    @admin.display(description=_("seats"), ordering="seats")
    def seats_display(self, session):
        return gettext("unlimited") if session.seats is None else session.seats

    @admin.display(description=_("taken"), ordering="taken_count")
    def taken(self, session):
        return session.taken_count

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting(self, session):
        return session.waiting_count

    @admin.display(description=_("attended"), ordering="attended_count")
    def attended(self, session):
        return session.attended_count

    @admin.display(description=_("attendance"))
    def attendance_link(self, session):
        url = self.attendance_url(session)
        return format_html('<a href="{}">{}</a>', url, gettext("Mark attendance"))

    def attendance_url(self, session):
        return reverse(
            "admin:courses_coursesession_attendance", args=[session.pk], current_app=self.admin_site.name
        )

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        services.save_session(obj)

    # --- cancelling sessions --------------------------------------------------------------------

    def has_cancel_permission(self, request):
        return request.user.has_perm("courses.change_coursesession") and request.user.has_perm(
            "portal.review_application"
        )

    @admin.action(
        description=_("Cancel the selected sessions (and their enrolments)"), permissions=["cancel"]
    )
    def cancel_sessions(self, request, queryset):
        sessions = list(queryset.filter(is_cancelled=False))
        form = CancelSessionsForm(request.POST if "note" in request.POST else None)
        if form.is_valid():
            cancelled = 0
            try:
                for session in sessions:
                    note = form.cleaned_data["note"]
                    cancelled += services.cancel_session(session, actor=request.user, note=note)
            except (TransitionError, ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
                return None
            self.message_user(
                request,
                ngettext(
                    "%(sessions)d session cancelled; %(count)d enrolment cancelled and emailed.",
                    "%(sessions)d sessions cancelled; %(count)d enrolments cancelled and emailed.",
                    cancelled,
                )
                % {"sessions": len(sessions), "count": cancelled},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Cancel sessions"),
            "opts": self.opts,
            "sessions": sessions,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, self.cancel_template, context)

    # --- attendance -------------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view(self.attendance_view)
        return [
            path("<path:object_id>/attendance/", view, name="courses_coursesession_attendance"),
            *super().get_urls(),
        ]

    def attendance_view(self, request, object_id):
        """One session's confirmed enrolments, each with a box: ticked attended, unticked absent."""
        session = self.get_object(request, unquote(object_id))
        if session is None:
            raise Http404
        may_mark = request.user.has_perm("portal.review_application")
        if not (self.has_view_permission(request, session) and may_mark):
            raise PermissionDenied
        enrolments = list(
            CourseEnrolment.objects.filter(session=session)
            .filter(status__in=[Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW])
            .select_related("applicant__profile")
            .order_by("applicant__profile__name_en", "pk")
        )
        url = self.attendance_url(session)
        if request.method == "POST":
            if not session.has_started():
                messages.error(request, gettext("Attendance can be marked once the session has started."))
                return HttpResponseRedirect(url)
            present = {int(pk) for pk in request.POST.getlist("present") if pk.isdigit()}
            try:
                attended, absent = services.mark_attendance(session, present=present, actor=request.user)
            except (TransitionError, ValidationError) as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    gettext("Attendance saved: %(attended)d attended, %(absent)d absent.")
                    % {"attended": attended, "absent": absent},
                )
            return HttpResponseRedirect(url)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Attendance: %(session)s") % {"session": session},
            "opts": self.opts,
            "original": session,
            "session": session,
            "to_mark": [e for e in enrolments if e.status == Status.CONFIRMED],
            "marked": [e for e in enrolments if e.status != Status.CONFIRMED],
            "started": session.has_started(),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.attendance_template, context)


@admin.register(CourseEnrolment)
class CourseEnrolmentAdmin(ApplicationAdminBase):
    scheme_fields = ("session", "hopes")
    scheme_readonly_fields = ("session",)
    list_filter = (*ApplicationAdminBase.list_filter, "session__course")
    list_select_related = (*ApplicationAdminBase.list_select_related, "session__course")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("session__course")
