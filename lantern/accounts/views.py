"""Sign in with a password, then a time-based code; enrol an authenticator on first sign-in."""

import segno
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from lantern.accounts.access import allow
from lantern.accounts.forms import CodeForm
from lantern.accounts.services import totp_device_for, totp_enrolment_start
from lantern.audit.models import Action
from lantern.audit.services import audit_record


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case sensitive.",
        "inactive": "This account is not active. Ask an administrator.",
    }


@allow(public=True)
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = False

    def get_success_url(self):
        nxt = self.get_redirect_url()
        url = "/accounts/two-factor/"
        return f"{url}?next={nxt}" if nxt else url


@allow(before_otp=True, public=False)
def two_factor(request):
    """Ask for the code; with no confirmed authenticator yet, show the QR code to enrol one."""
    user = request.user
    if user.is_verified():
        return redirect("home")
    device = totp_device_for(user, confirmed=True)
    enrolling = device is None
    if enrolling:
        device = totp_enrolment_start(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit_record(
                request=request, action=Action.LOGIN, object_type="user", object_id=str(user.pk)
            )
            nxt = request.GET.get("next", "")
            if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
                return redirect(nxt)
            return redirect("home")
        form.add_error(
            "code", "The code is not right or has expired. Enter the newest code from your app"
        )
    context = {"form": form, "enrolling": enrolling}
    if enrolling:
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(
            scale=4, omitsize=False
        )
        context["secret"] = _base32(device.bin_key)
    return render(request, "accounts/two_factor.html", context)


def _base32(key: bytes) -> str:
    from base64 import b32encode

    return b32encode(key).decode().rstrip("=")


@allow(before_otp=True)
@require_POST
def logout(request):
    if request.user.is_authenticated:
        audit_record(
            request=request,
            action=Action.LOGOUT,
            object_type="user",
            object_id=str(request.user.pk),
        )
    auth.logout(request)
    return redirect("accounts:login")


@allow(public=True)
def session_ended(request):
    return render(request, "accounts/session_ended.html")
