from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from portal.admin.base import ApplicationAdminBase, CatalogueAdmin

from .models import Post, PostApplication, PostRules
from .services import check_places, save_places


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        # The admin builds the form from its fieldsets (in three languages); this form adds a check.
        fields = ["places"]

    def clean(self):
        data = super().clean()
        if "places" in data and not self.has_error("places"):
            # The admin's view is one transaction: the place stays locked from here to save_model.
            try:
                check_places(self.instance, data["places"])
            except ValidationError as error:
                self.add_error(None, error)
        return data


@admin.register(Post)
class PostAdmin(CatalogueAdmin):
    form = PostForm
    list_display = ("title", "host_organisation", "term", "start_date", "end_date", "places", "published")
    list_filter = ("term", "published", "host_base", "field")
    list_select_related = ("host_base", "field")
    search_fields = ("title_zh_hant", "title_en", "title_zh_hans", "host_organisation", "slug")
    prepopulated_fields = {"slug": ("title_en",)}
    fieldsets = (
        (None, {"fields": ("slug", "host_organisation", "host_base", "title", "description")}),
        (None, {"fields": ("term", ("start_date", "end_date"), "field", "field_other", "location")}),
        (None, {"fields": ("speaks_cantonese", "speaks_putonghua", "speaks_english")}),
        (None, {"fields": ("places", "published")}),
    )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        save_places(obj)


@admin.register(PostRules)
class PostRulesAdmin(admin.ModelAdmin):
    list_display = ("__str__", "offer_hours")

    def has_add_permission(self, request):
        # One row of rules: add it once, then change it.
        return super().has_add_permission(request) and not PostRules.objects.exists()


@admin.register(PostApplication)
class PostApplicationAdmin(ApplicationAdminBase):
    scheme_fields = ("post", "cover_letter", "offer_expires_at")
    scheme_readonly_fields = ("post", "offer_expires_at")
    list_display = (*ApplicationAdminBase.list_display[:2], "post", *ApplicationAdminBase.list_display[2:])
    list_filter = (*ApplicationAdminBase.list_filter, "post__term", "post")
    list_select_related = (*ApplicationAdminBase.list_select_related, "post")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("post")
