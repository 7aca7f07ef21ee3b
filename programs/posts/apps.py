from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programs.posts"
    label = "posts"
    verbose_name = _("Internship posts")

    # What the app adds to the portal's shared parts (docs/adr/0007-portal-layout.md).
    url_prefix = "internships/"
    urls_module = "programs.posts.urls"
    # Where the programme's catalogue page sends visitors to act (portal/catalogue/actions.py).
    catalogue_actions = {
        "programs.programme:hk-special-internship": ("posts:list", _("See the internship posts and apply"))
    }
    # Reviewers read applications and shortlist; data managers publish posts and set the office's rules.
    role_permissions = {
        "reviewer": ("posts.view_post", "posts.view_postapplication", "posts.change_postapplication"),
        "approver": ("posts.view_post", "posts.view_postapplication", "posts.change_postapplication"),
        "data manager": (
            "posts.view_post",
            "posts.add_post",
            "posts.change_post",
            "posts.view_postrules",
            "posts.change_postrules",
            "posts.add_postrules",
        ),
    }
