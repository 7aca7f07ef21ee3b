from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    """Site-wide values for base.html: contact details and the same page in each language."""
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    suffix = f"?{query}" if query else ""
    alternates = []
    for code, name in settings.LANGUAGES:
        url = translate_url(request.path, code)
        alternates.append({"code": code, "name": name, "url": url + suffix, "is_current": code == current})
    return {
        "contact_email": settings.CONTACT_EMAIL,
        "contact_phone": settings.CONTACT_PHONE,
        "privacy_notice_version": settings.PRIVACY_NOTICE_VERSION,
        "language_alternates": alternates,
        "canonical_url": request.build_absolute_uri(request.path),
        "default_language_url": alternates[0]["url"],
    }
