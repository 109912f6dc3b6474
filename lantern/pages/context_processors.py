"""Values every page template needs."""

from django.conf import settings
from django.utils.crypto import salted_hmac

from lantern.pages.navigation import nav_items


def lantern(request):
    user = getattr(request, "user", None)
    show_nav = bool(user and user.is_authenticated and user.is_verified())
    return {
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
        "nav_items": nav_items(user, request.path) if show_nav else [],
        # drafts.js keeps a draft under this account only: opaque, never a name or the id itself
        "draft_owner": (
            salted_hmac("lantern-draft-owner", str(user.pk)).hexdigest()[:20] if show_nav else ""
        ),
    }
