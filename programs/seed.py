"""The sections of `portal/catalogue/catalogue.yaml` this app loads (`ProgramsConfig.seed_sections`)."""

from portal.catalogue.seed import Spec
from programs.models import Activity, Audience, CourseCategory, Feature, Figure, Programme

SECTIONS = {
    "audiences": Spec(Audience, key=("slug",), fields=("order",), translated=("name",)),
    "programmes": Spec(
        Programme,
        key=("slug",),
        fields=("order", "category", "group", "is_free"),
        translated=("name", "summary", "description", "partner"),
        m2m={"audiences": Audience},
        children={
            "features": Spec(
                Feature,
                key=("key",),
                parent="programme",
                fields=("order",),
                translated=("name", "description"),
            ),
            "figures": Spec(
                Figure,
                key=("key",),
                parent="programme",
                fields=("order", "value", "as_of"),
                translated=("label",),
            ),
            "course_categories": Spec(
                CourseCategory,
                key=("key",),
                parent="programme",
                fields=("order",),
                translated=("name", "description"),
            ),
            "activities": Spec(
                Activity,
                key=("key",),
                parent="programme",
                fields=("order",),
                translated=("name", "description"),
            ),
        },
    ),
}
