from django.shortcuts import get_object_or_404, render

from .forms import CalculatorForm
from .models import SubsidyScheme


def internship_subsidy(request):
    scheme = get_object_or_404(SubsidyScheme.objects.prefetch_related("tiers"), slug="internship-subsidy")
    form = CalculatorForm(request.GET or None, scheme=scheme)
    quote = form.quote if form.is_valid() else None
    return render(request, "subsidies/internship_subsidy.html", {"scheme": scheme, "form": form, "quote": quote})
