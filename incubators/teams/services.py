"""Writes on teams: each one transaction; the invitation email goes after commit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.applications.tasks import sender

from .models import Team, TeamMember, invitation_days


def create_team(team: Team, *, lead) -> Team:
    """Save a new team led by `lead`, who is its first member, confirmed (they made it)."""
    profile = getattr(lead, "profile", None)
    with transaction.atomic():
        team.lead = lead
        team.save()
        TeamMember.objects.create(
            team=team,
            name=(profile.name_zh or profile.name_en) if profile else lead.email,
            email=lead.email,
            university=profile.institution if profile else "",
            is_founder=True,
            user=lead,
            confirmed_at=timezone.now(),
        )
    return team


def invite(member: TeamMember, *, language: str | None = None) -> TeamMember:
    """Add `member` (not yet saved) to their team and email them a signed link to confirm."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with transaction.atomic():
        member.save()
        transaction.on_commit(lambda: send_invitation(member.pk, language))
    return member


def send_invitation(member_pk: int, language: str) -> bool:
    member = TeamMember.objects.select_related("team__lead__profile").filter(pk=member_pk).first()
    if member is None or member.is_confirmed:
        return False
    with translation.override(language):
        url = settings.SITE_URL.rstrip("/") + reverse("teams:invitation", args=[member.invitation_token()])
        lead = member.team.lead
        profile = getattr(lead, "profile", None)
        context = {
            "member": member,
            "team": member.team,
            "lead_name": (profile.name_zh if language.startswith("zh") else profile.name_en)
            if profile
            else lead.email,
            "url": url,
            "days": invitation_days(),
        }
        subject = render_to_string("teams/email/invitation_subject.txt", context).strip()
        body = render_to_string("teams/email/invitation_body.txt", context)
        EmailMessage(subject, body, sender(), [member.email]).send()
    return True


def confirm_invitation(member: TeamMember, *, user) -> TeamMember:
    """`user` accepts the invitation to `member`'s place in the team; refused if it is taken."""
    with transaction.atomic():
        member = TeamMember.objects.select_for_update().get(pk=member.pk)
        if member.user_id == user.pk and member.is_confirmed:
            return member
        if member.is_confirmed:
            raise ValidationError(_("This invitation has already been accepted."), code="taken")
        if member.team.members.filter(user=user, confirmed_at__isnull=False).exists():
            raise ValidationError(_("You are already a member of this team."), code="already_member")
        member.user = user
        member.confirmed_at = timezone.now()
        member.save(update_fields=["user", "confirmed_at"])
    return member
