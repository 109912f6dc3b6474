"""Sign in with a password, then a time-based code; enrol an authenticator on first sign-in."""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from lantern.accounts import selectors, services
from lantern.accounts.access import ALL_ROLES, allow
from lantern.accounts.forms import CodeForm, NewUserForm, TeamForm, UserForm
from lantern.accounts.models import Role, Team, User
from lantern.accounts.services import totp_device_for, totp_enrolment_start
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case sensitive.",
        "inactive": "This account is not active. Ask an administrator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


@allow(public=True)
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = False

    def get_success_url(self):
        nxt = local_path(self.request, self.get_redirect_url())
        url = "/accounts/two-factor/"
        return f"{url}?{urlencode({'next': nxt})}" if nxt else url


def local_path(request, value: str | None) -> str:
    """`value` if it is a path on this site ("/children/"), else "" so the caller ignores it.

    A `next` from a form or link must begin with one "/" and name no other host or scheme:
    "foo", "//evil.example", "/\\evil.example", "https://..." and garbled bytes are all ignored.
    """
    value = value or ""
    if (
        not value.startswith("/")
        or value.startswith(("//", "/\\"))
        or any(ord(c) < 32 or c in "\\\ufffd" for c in value)
        or not url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return ""
    return value


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
            request.session.cycle_key()  # a new session id once fully signed in (fixation)
            audit_record(
                request=request,
                action=AuditAction.LOGIN,
                object_type="user",
                object_id=str(user.pk),
            )
            nxt = local_path(request, request.GET.get("next"))
            return HttpResponseRedirect(nxt) if nxt else redirect("home")
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
    return b32encode(key).decode().rstrip("=")


@allow(ALL_ROLES, before_otp=True)
@require_POST
def logout(request):
    if request.user.is_authenticated:
        audit_record(
            request=request,
            action=AuditAction.LOGOUT,
            object_type="user",
            object_id=str(request.user.pk),
        )
    auth.logout(request)
    return redirect("accounts:login")


@allow(public=True)
def session_ended(request):
    """Shown after an idle time-out; the page's script sends people here when time is up."""
    if request.user.is_authenticated:
        # The browser counted the idle time out first: end the session to match what we say.
        audit_record(
            request=request,
            action=AuditAction.LOGOUT,
            object_type="user",
            object_id=str(request.user.pk),
            detail={"reason": "idle"},
        )
        auth.logout(request)
    nxt = local_path(request, request.GET.get("next"))
    return render(request, "accounts/session_ended.html", {"next": nxt})


@allow(ALL_ROLES)
@require_POST
def keep_alive(request):
    """ "Stay signed in": any request renews the session; this one does nothing else."""
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    back = local_path(request, request.POST.get("next"))
    return HttpResponseRedirect(back) if back else redirect("home")


# --- User management (administrators) ---


@allow(Role.ADMIN)
def user_list(request):
    users = list(selectors.user_list())
    locked = selectors.locked_usernames()
    for u in users:
        u.is_locked = u.username in locked
    return render(
        request, "accounts/user_list.html", {"users": users, "teams": selectors.team_list()}
    )


@allow(Role.ADMIN)
def user_new(request):
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        user = services.user_create_by_admin(
            request=request,
            username=data.pop("username"),
            password=data.pop("password"),
            **data,
        )
        messages.success(
            request,
            f"Account {user.username} created. They set up their authenticator app when they first sign in.",
        )
        return redirect("accounts:user_edit", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "creating": True})


@allow(Role.ADMIN)
def user_edit(request, pk: int):
    account = get_object_or_404(User.objects.select_related("team"), pk=pk)
    form = UserForm(request.POST or None, instance=account)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(request=request, user=account, **form.cleaned_data)
        except services.RoleChangeRefused as refused:
            form.add_error("role", str(refused))
        else:
            messages.success(request, f"Changes to {account.username} saved")
            return redirect("accounts:user_list")
    context = {
        "form": form,
        "account": account,
        "creating": False,
        "is_locked": selectors.user_is_locked(account),
        "has_authenticator": account.totpdevice_set.filter(confirmed=True).exists(),
    }
    return render(request, "accounts/user_form.html", context)


def _account_action(request, pk: int, action, done: str):
    account = get_object_or_404(User, pk=pk)
    try:
        action(request=request, user=account)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done.format(username=account.username))
    return redirect("accounts:user_edit", pk=account.pk)


@allow(Role.ADMIN)
@require_POST
def user_deactivate(request, pk: int):
    return _account_action(
        request, pk, services.user_deactivate, "{username} can no longer sign in"
    )


@allow(Role.ADMIN)
@require_POST
def user_reactivate(request, pk: int):
    return _account_action(request, pk, services.user_reactivate, "{username} can sign in again")


@allow(Role.ADMIN)
@require_POST
def user_two_factor_reset(request, pk: int):
    return _account_action(
        request,
        pk,
        services.user_two_factor_reset,
        "{username} will set up a new authenticator app at their next sign-in",
    )


@allow(Role.ADMIN)
@require_POST
def user_unlock(request, pk: int):
    return _account_action(request, pk, services.user_unlock, "{username} is unlocked")


@allow(Role.ADMIN)
def team_new(request):
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.team_create(request=request, **form.cleaned_data)
        messages.success(request, f"Team {form.cleaned_data['name']} created")
        return redirect("accounts:user_list")
    return render(request, "accounts/team_form.html", {"form": form, "creating": True})


@allow(Role.ADMIN)
def team_edit(request, pk: int):
    team = get_object_or_404(Team, pk=pk)
    form = TeamForm(request.POST or None, team=team)
    if request.method == "POST" and form.is_valid():
        services.team_update(request=request, team=team, **form.cleaned_data)
        messages.success(request, f"Team {team.name} saved")
        return redirect("accounts:user_list")
    return render(
        request, "accounts/team_form.html", {"form": form, "team": team, "creating": False}
    )
