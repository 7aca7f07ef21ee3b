from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Team, TeamMember


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    fields = ("name", "email", "role", "from_hk_macau", "university", "is_founder", "user", "confirmed_at")
    readonly_fields = ("user", "confirmed_at")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "lead", "field", "stage", "ip_items", "financing_rmb", "output_level")
    list_filter = ("stage", "output_level", "field")
    list_select_related = ("lead", "field")
    search_fields = ("name", "lead__email", "members__name", "members__email")
    raw_id_fields = ("lead",)
    inlines = [TeamMemberInline]
    show_facets = admin.ShowFacets.NEVER


@admin.register(TeamMember)
class TeamMemberAdmin(admin.ModelAdmin):
    list_display = ("name", "team", "email", "role", "from_hk_macau", "is_founder", "confirmed_at")
    list_filter = ("from_hk_macau", "is_founder", ("confirmed_at", admin.EmptyFieldListFilter))
    list_select_related = ("team",)
    search_fields = ("name", "email", "team__name")
    raw_id_fields = ("team",)
    readonly_fields = ("user", "invited_at", "confirmed_at")
    actions = ["resend_invitation"]
    show_facets = admin.ShowFacets.NEVER

    @admin.action(description=_("Send the invitation link again"))
    def resend_invitation(self, request, queryset):
        sent = sum(
            services.send_invitation(pk, request.LANGUAGE_CODE)
            for pk in queryset.values_list("pk", flat=True)
        )
        self.message_user(
            request,
            ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", sent) % {"count": sent},
            messages.SUCCESS,
        )
