from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.admin.base import ApplicationAdminBase, CatalogueAdmin, CatalogueTabularInline, slug_column
from portal.applications.workflow import TransitionError, perform
from portal.capacity.models import Place
from portal.models import Status

from . import scoring
from .forms import ScoreForm
from .models import Cohort, CohortApplication, Criterion, Milestone, Score
from .services import save_cohort


class CriterionInline(CatalogueTabularInline):
    model = Criterion
    fields = ("name", "weight", "order")


class CohortForm(forms.ModelForm):
    def clean_awards(self):
        awards = self.cleaned_data["awards"]
        if self.instance.pk:
            place = (
                Place.objects.for_target(self.instance)
                .filter(day__isnull=True, starts_at__isnull=True)
                .first()
            )
            if place is not None:
                try:
                    place.check_size(awards)
                except ValidationError as error:
                    raise ValidationError(error.message_dict["size"]) from None
        return awards


@admin.register(Cohort)
class CohortAdmin(CatalogueAdmin):
    form = CohortForm
    list_display = ("name", slug_column, "opens_on", "closes_on", "coaching_starts", "awards", "published")
    list_filter = ("published", "programme")
    search_fields = ("name_zh_hant", "name_en", "name_zh_hans", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = ("ranking_link",)
    inlines = [CriterionInline]

    def save_model(self, request, obj, form, change):
        save_cohort(obj)

    @admin.display(description=_("ranking and awards"))
    def ranking_link(self, cohort):
        if not cohort.pk:
            return gettext("Save the cohort first.")
        url = reverse(
            "admin:cohorts_cohort_ranking", args=[quote(cohort.pk)], current_app=self.admin_site.name
        )
        return format_html(
            '<a href="{}">{}</a>', url, gettext("Rank the teams by score and decide the awards")
        )

    def get_urls(self):
        view = self.admin_site.admin_view(self.ranking_view)
        return [path("<path:object_id>/ranking/", view, name="cohorts_cohort_ranking"), *super().get_urls()]

    def ranking_view(self, request, object_id):
        """The cohort's teams by combined score; approvers award or not from here (one perform each)."""
        cohort = self.get_object(request, unquote(object_id))
        if cohort is None:
            raise Http404
        if not self.has_view_permission(request, cohort):
            raise PermissionDenied
        if request.method == "POST":
            self.decide(request, cohort)
            return HttpResponseRedirect(request.path)
        place = cohort.award_place()
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Ranking: %(cohort)s") % {"cohort": cohort},
            "opts": self.opts,
            "original": cohort,
            "cohort": cohort,
            "teams": scoring.ranking(cohort),
            "awarded": place.held,
            "application_opts": CohortApplication._meta,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "cohorts/admin/ranking.html", context)

    def decide(self, request, cohort):
        action = request.POST.get("action")
        reference = request.POST.get("reference", "")
        # A posted form is anyone's input: text the database cannot hold (a NUL) finds nothing.
        note_typed = request.POST.get("note", "")
        if not reference.isprintable() or "\x00" in note_typed:
            application = None
        else:
            application = CohortApplication.objects.filter(cohort=cohort, reference=reference).first()
        if application is None or action not in {"award", "not_award"}:
            messages.error(request, gettext("This action is not available here. Nothing was changed."))
            return
        note = scoring.decision_note(application)
        if extra := request.POST.get("note", "").strip()[:5000]:
            note = f"{note}\n{extra}"
        if action == "not_award" and not extra:
            messages.error(request, gettext("Please write a note: the applicant will read it."))
            return
        try:
            perform(application, action, actor=request.user, note=note, expected_status=Status.ACCEPTED)
        except PermissionDenied:
            messages.error(request, gettext("You may not decide the awards. Nothing was changed."))
        except (TransitionError, ValidationError) as error:
            messages.error(request, " ".join([*error.messages, gettext("Nothing was changed.")]))
        else:
            messages.success(
                request,
                gettext("%(team)s is now “%(status)s”.")
                % {"team": application.team, "status": application.get_status_display()},
            )


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 1
    fields = ("date", "title", "note")
    verbose_name_plural = _("coaching milestones (the team sees them)")


@admin.register(CohortApplication)
class CohortApplicationAdmin(ApplicationAdminBase):
    scheme_fields = ("cohort", "team", "pitch", "coaching_goals", "may_be_named", "scores_link")
    scheme_readonly_fields = ("cohort", "team", "may_be_named", "scores_link")
    list_display = (*ApplicationAdminBase.list_display, "cohort")
    list_filter = (*ApplicationAdminBase.list_filter, "cohort")
    list_select_related = (*ApplicationAdminBase.list_select_related, "cohort")
    inlines = [*ApplicationAdminBase.inlines, MilestoneInline]

    def save_formset(self, request, form, formset, change):
        for milestone in formset.save(commit=False):
            if milestone.recorded_by_id is None:
                milestone.recorded_by = request.user
            milestone.save()
        for milestone in formset.deleted_objects:
            milestone.delete()

    @admin.display(description=_("scores"))
    def scores_link(self, application):
        if application.status not in scoring.SCORED_STATUSES:
            return gettext("Teams are scored once they are accepted into the coaching.")
        url = self.admin_url("score", application)
        return format_html('<a href="{}">{}</a>', url, gettext("Score this team"))

    def get_urls(self):
        view = self.admin_site.admin_view(self.score_view)
        return [
            path("<path:object_id>/score/", view, name="cohorts_cohortapplication_score"),
            *super().get_urls(),
        ]

    def score_view(self, request, object_id):
        """A reviewer scores a team alone; the others' scores show only once they have scored."""
        application = self.get_object(request, unquote(object_id))
        if application is None:
            raise Http404
        if not (
            self.has_view_permission(request, application) and request.user.has_perm("cohorts.add_score")
        ):
            raise PermissionDenied
        criteria = list(Criterion.objects.filter(cohort=application.cohort_id))
        mine = {
            s.criterion_id: s.value
            for s in Score.objects.filter(application=application, reviewer=request.user)
        }
        form = ScoreForm(request.POST or None, criteria=criteria, initial_scores=mine)
        if request.method == "POST" and form.is_valid():
            try:
                scoring.record_scores(application=application, reviewer=request.user, values=form.values())
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, gettext("Your scores are saved."))
                return HttpResponseRedirect(request.path)
        others = []
        if scoring.has_scored(application, request.user):
            others = Score.objects.filter(application=application).select_related("reviewer", "criterion")
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Score: %(team)s") % {"team": application.team},
            "opts": self.opts,
            "original": application,
            "application": application,
            "form": form,
            "criteria": criteria,
            "others": others,
            "combined": scoring.combined_scores([application.pk]).get(application.pk) if others else None,
            "change_url": self.change_url(application),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "cohorts/admin/score.html", context)
