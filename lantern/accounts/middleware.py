"""Apply each view's access rule; refuse views without one (deny by default)."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from lantern.accounts.access import rule_for
from lantern.accounts.models import Role


class access_rules:  # noqa: N801 - referenced by its dotted path in settings like a function middleware
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match and "admin" in match.namespaces:
            return self._admin(request)
        if request.path.startswith(settings.STATIC_URL):
            return None
        rule = rule_for(view_func)
        if rule is None:
            raise PermissionDenied("This page has no access rule.")
        roles, public, before_otp = rule
        if public:
            return None
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_verified():
            if before_otp:
                return None
            return redirect("accounts:two_factor")
        if user.role not in roles:
            raise PermissionDenied("Your role does not give access to this page.")
        return None

    def _admin(self, request):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_verified():
            return redirect("accounts:two_factor")
        if user.role != Role.ADMIN:
            raise PermissionDenied("Only administrators may use the admin site.")
        return None
