from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programs.courses"
    label = "courses"
    verbose_name = _("Courses")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    url_prefix = "courses/"
    # Where the catalogue's page sends visitors to act (portal/catalogue/actions.py).
    catalogue_actions = {"programs.programme:training": ("courses:list", _("See the courses and enrol"))}
    urls_module = "programs.courses.urls"
    catalogue_models = ("course", "coursesession")
    # Reviewers see courses, confirm and cancel enrolments and mark attendance (the workflow's own
    # permission, portal.review_application, comes with the role); data managers set up courses.
    role_permissions = {
        "reviewer": (
            "courses.view_course",
            "courses.view_coursesession",
            "courses.change_coursesession",
            "courses.view_courseenrolment",
            "courses.change_courseenrolment",
        ),
        "data manager": ("courses.view_courseenrolment",),
    }
