"""Every URL. Each view carries an access rule (lantern.accounts.access.allow)."""

from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from lantern.core import views as core_views

admin.site.__class__ = OTPAdminSite
admin.site.site_header = "Lantern administration"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("lantern.accounts.urls")),
    path("audit/", include("lantern.audit.urls")),
    path("children/", include("lantern.children.urls")),
    path("reports/", include("lantern.reports.urls")),
    path("import/", include("lantern.interchange.urls")),
    path("api/", include("lantern.api.urls")),
    path("admin/", admin.site.urls),
]
