"""The landing page ("what needs me today") and a health check."""

from django.http import HttpResponse
from django.shortcuts import render

from lantern.accounts.access import ALL_ROLES, allow


@allow(ALL_ROLES)
def home(request):
    return render(request, "core/home.html", {})


@allow(public=True)
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
