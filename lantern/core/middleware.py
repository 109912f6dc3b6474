"""Security headers on every response, and telling an expired session from a first visit."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url

CSP = settings.CONTENT_SECURITY_POLICY


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # Also here: answers made before Django's middleware adds them (a bad Host's 400).
        response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Children's records must not stay in a shared computer's browser cache.
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    return middleware


def _signed_in(user) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_verified", lambda: False)())


def session_timeout(get_response):
    """Send someone whose signed-in session ended while idle to "You have been signed out".

    The session itself expires on the server (SESSION_COOKIE_AGE, renewed on every request).
    Once it has gone, nothing in it says the person was ever signed in, so a marker cookie
    (no personal data, gone when the browser closes) is set while signed in and removed on
    sign-out; an unauthenticated request still carrying it is an idle time-out.
    """
    marker = settings.SIGNED_IN_MARKER_COOKIE
    exempt = (settings.STATIC_URL, "/healthz")

    def middleware(request):
        had_marker = request.COOKIES.get(marker) == "1"
        ended_url = resolve_url("accounts:session_ended")
        if (
            had_marker
            and not request.user.is_authenticated
            and request.path != ended_url
            and not request.path.startswith(exempt)
        ):
            # Only the path: query strings may hold search words such as a name.
            response = HttpResponseRedirect(f"{ended_url}?{urlencode({'next': request.path})}")
            _forget(response, marker)
            return response
        response = get_response(request)
        if _signed_in(request.user):
            if not had_marker:
                response.set_cookie(
                    marker,
                    "1",
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        elif had_marker:
            _forget(response, marker)
        return response

    return middleware


def _forget(response, marker: str) -> None:
    response.delete_cookie(marker, samesite="Lax")
