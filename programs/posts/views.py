"""Public post pages, the student's answer to an offer, and the way on to the internship subsidy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.applications.journey import Journey
from portal.applications.services import start_draft
from portal.applications.views import applicant_profile, unless_ready_to_apply
from portal.applications.workflow import perform
from portal.capacity.models import Place
from portal.models import Status
from subsidies.models import SubsidyApplication

from .filters import PostFilter
from .forms import AnswerForm, PostApplicationForm
from .models import DOCUMENT_INTERNS_HOSTED, Post, PostApplication, PostRules, student_problem


def _with_places(posts):
    """Each post's Place with its availability, in one query for any number of posts."""
    places = Place.objects.filter(
        target_type=ContentType.objects.get_for_model(Post), target_id__in=[post.pk for post in posts]
    ).with_availability()
    by_post = {place.target_id: place for place in places}
    for post in posts:
        post.place = by_post.get(post.pk)
    return posts


@require_GET
def post_list(request):
    queryset = Post.objects.open().select_related("field", "host_base")
    filters = PostFilter(request.GET or None, queryset=queryset)
    # An invalid filter (a field that does not exist) shows the form's error and no rows, never a 500.
    posts = _with_places(list(filters.qs)) if filters.is_valid() or not request.GET else []
    context = {"filter": filters, "posts": posts, "document_figure": DOCUMENT_INTERNS_HOSTED}
    return render(request, "posts/post_list.html", context)


@require_GET
def post_detail(request, slug):
    post = get_object_or_404(Post.objects.published().select_related("field", "host_base"), slug=slug)
    _with_places([post])
    mine = None
    if request.user.is_authenticated:
        mine = (
            PostApplication.objects.for_user(request.user).filter(post=post).order_by("-created_at").first()
        )
    context = {"post": post, "mine": mine, "open": post.takes_applications(), "rules": PostRules.current()}
    return render(request, "posts/post_detail.html", context)


def _start_context(profile):
    return {"student_problem": student_problem(profile), "rules": PostRules.current()}


def _check_context(application):
    return {
        "post": application.post,
        "student_problem": student_problem(applicant_profile(application.applicant)),
    }


journey = Journey(
    model=PostApplication,
    details_form=PostApplicationForm,
    namespace="posts",
    document_kind="cv",
    document_label=gettext_lazy("Your CV"),
    details_label=gettext_lazy("Cover letter"),
    start_context=_start_context,
    check_context=_check_context,
    select_related=("post",),
    target_model=Post.objects.published(),
    target_lookup="slug",
)


def _own(request, reference):
    queryset = PostApplication.objects.for_user(request.user).select_related("post", "post__host_base")
    return get_object_or_404(queryset, reference=reference)


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, reference):
    """Accept or decline the place offered, before the offer expires."""
    application = _own(request, reference)
    if not application.offer_open():
        messages.info(request, _("There is no offer to answer for %(reference)s.") % {"reference": reference})
        return redirect(application)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = "accept_place" if form.cleaned_data["answer"] == "accept" else "decline"
        try:
            perform(application, action, actor=request.user, expected_status=Status.OFFERED)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            done = (
                _("The place is yours: %(reference)s is accepted.")
                if action == "accept_place"
                else _("You declined the offer for %(reference)s.")
            )
            messages.success(request, done % {"reference": reference})
        return redirect(application)
    return render(request, "posts/answer.html", {"application": application, "form": form})


def subsidy_fields(application: PostApplication) -> dict:
    """What the internship subsidy application can take from an accepted post."""
    post = application.post
    return {
        "host_base": post.host_base,
        "host_organisation": post.host_organisation,
        "position": post.title,
        "start_date": post.start_date,
        "end_date": post.end_date,
    }


@login_required
@require_POST
def subsidy(request, reference):
    """Start (or continue) the internship subsidy application with the accepted post filled in."""
    application = _own(request, reference)
    if application.status != Status.ACCEPTED:
        messages.info(request, _("Only an accepted internship leads to the subsidy application."))
        return redirect(application)
    if response := unless_ready_to_apply(request, applicant_profile(request.user)):
        return response
    draft, _created = start_draft(SubsidyApplication, applicant=request.user)
    # Fill only what the draft does not say yet: an answer the student typed is kept.
    fields = subsidy_fields(application)
    empty = {"host_base": draft.host_base_id is None}
    changed = [name for name in fields if empty.get(name, not getattr(draft, name))]
    for name in changed:
        setattr(draft, name, fields[name])
    if changed:
        draft.save(update_fields=[*changed, "updated_at"])
    messages.success(request, _("Your internship is filled in: check it and continue."))
    return redirect("subsidies:apply_details", draft.reference)
