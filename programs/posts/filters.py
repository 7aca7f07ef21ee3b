import django_filters
from django.utils.translation import gettext_lazy as _

from incubators.models import FieldOfWork

from .models import Language, Post

LANGUAGE_FIELDS = {
    Language.CANTONESE: "speaks_cantonese",
    Language.PUTONGHUA: "speaks_putonghua",
    Language.ENGLISH: "speaks_english",
}


class PostFilter(django_filters.FilterSet):
    """The list's filters: a plain GET form, so they work without JavaScript and can be bookmarked."""

    term = django_filters.ChoiceFilter(
        label=_("Term"), choices=Post.Term.choices, empty_label=_("Both terms")
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Field"),
        to_field_name="slug",
        queryset=FieldOfWork.objects.all(),
        empty_label=_("All fields"),
    )
    location = django_filters.CharFilter(label=_("Location"), method="filter_location")
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=Language.choices, empty_label=_("Any language"), method="filter_language"
    )

    class Meta:
        model = Post
        fields = ["term", "field", "location", "language"]

    def filter_location(self, queryset, name, value):
        # The location in the reader's language (modeltranslation maps "location" to it).
        return queryset.filter(location__icontains=value.strip()) if value.strip() else queryset

    def filter_language(self, queryset, name, value):
        return queryset.filter(**{LANGUAGE_FIELDS[value]: True})
