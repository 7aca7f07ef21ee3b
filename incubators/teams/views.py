from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .forms import MemberForm, TeamForm
from .models import Team, TeamMember


@login_required
@require_http_methods(["GET"])
def team_list(request):
    teams = Team.objects.of_member(request.user).with_counts().select_related("field")
    return render(request, "teams/team_list.html", {"teams": teams})


@login_required
@require_http_methods(["GET", "POST"])
def team_create(request):
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        team = services.create_team(form.instance, lead=request.user)
        messages.success(request, _("Team “%(name)s” is created. Now add its members.") % {"name": team.name})
        return redirect(team)
    return render(request, "teams/team_form.html", {"form": form, "team": None})


@login_required
@require_http_methods(["GET"])
def team_detail(request, pk):
    # A member sees the team read-only; anyone else's team does not exist for them.
    members = TeamMember.objects.order_by("pk")
    queryset = Team.objects.of_member(request.user).select_related("field", "lead__profile")
    team = get_object_or_404(queryset.prefetch_related(Prefetch("members", queryset=members)), pk=pk)
    context = {"team": team, "is_lead": team.is_led_by(request.user), "applications": team.applications()}
    return render(request, "teams/team_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def team_edit(request, pk):
    team = get_object_or_404(Team.objects.led_by(request.user), pk=pk)
    form = TeamForm(request.POST or None, instance=team)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your changes are saved."))
        return redirect(team)
    return render(request, "teams/team_form.html", {"form": form, "team": team})


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk):
    team = get_object_or_404(Team.objects.led_by(request.user), pk=pk)
    form = MemberForm(request.POST or None, team=team)
    if request.method == "POST" and form.is_valid():
        member = services.invite(form.instance)
        messages.success(
            request,
            _("%(name)s is added. We emailed %(email)s a link to confirm.")
            % {"name": member.name, "email": member.email},
        )
        return redirect(team)
    return render(request, "teams/member_form.html", {"form": form, "team": team})


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request, token):
    try:
        member = TeamMember.from_token(token)
    except signing.SignatureExpired:
        return render(request, "teams/invitation_invalid.html", {"expired": True}, status=410)
    except (signing.BadSignature, TeamMember.DoesNotExist, ValueError, TypeError):
        return render(request, "teams/invitation_invalid.html", {"expired": False}, status=404)
    if request.method == "POST":
        try:
            services.confirm_invitation(member, user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("teams:list")
        messages.success(request, _("You are now a member of “%(team)s”.") % {"team": member.team.name})
        return redirect(member.team)
    return render(request, "teams/invitation.html", {"member": member, "team": member.team})
