from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy

from portal.applications.journey import Journey
from portal.models import Status

from .forms import CohortApplicationForm
from .models import Cohort, CohortApplication


def cohort_list(request):
    cohorts = Cohort.objects.published().select_related("programme")
    return render(request, "cohorts/cohort_list.html", {"cohorts": cohorts})


def results(request, slug):
    awarded = (
        CohortApplication.objects.filter(status=Status.AWARDED, may_be_named=True)
        .select_related("team__field")
        .order_by("team__name")
    )
    cohort = get_object_or_404(
        Cohort.objects.published().prefetch_related(Prefetch("applications", awarded, to_attr="named")),
        slug=slug,
    )
    return render(request, "cohorts/cohort_results.html", {"cohort": cohort, "awarded": cohort.named})


journey = Journey(
    model=CohortApplication,
    details_form=CohortApplicationForm,
    namespace="cohorts",
    details_label=gettext_lazy("Your team and idea"),
    target_model=Cohort.objects.published(),
    select_related=("cohort", "team"),
    # The awards are the cohort's Place, but they are decided at the end of the coaching: "places
    # free" on the check page would read as places in the cohort, so it is not shown.
    check_context=lambda application: {"availability": None},
)
