import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Audience, Programme


class ProgrammeFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Programme.Category.choices, empty_label=_("All categories")
    )
    audience = django_filters.ModelChoiceFilter(
        label=_("Who it is for"),
        field_name="audiences",
        to_field_name="slug",
        queryset=Audience.objects.all(),
        empty_label=_("Everyone"),
    )
    open_now = django_filters.BooleanFilter(
        label=_("Taking applications now"), method="filter_open_now", widget=forms.CheckboxInput
    )

    class Meta:
        model = Programme
        fields = ["category", "audience", "open_now"]

    def filter_open_now(self, queryset, name, value):
        return queryset.open_on(timezone.localdate()) if value else queryset
