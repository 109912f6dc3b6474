"""Every URL. Each view carries an access rule (lantern.accounts.access.allow)."""

from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from lantern.pages import home

admin.site.__class__ = OTPAdminSite
admin.site.site_header = "Lantern administration"

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", home.healthz, name="healthz"),
    path("accounts/", include("lantern.accounts.urls")),
    path("audit/", include("lantern.pages.audit_urls")),
    path("children/", include("lantern.pages.children_urls")),
    path("opmet/", include("lantern.pages.opmet_urls")),
    path("triage/", include("lantern.pages.triage_urls")),
    path("referrals/", include("lantern.cases.referral_urls")),
    path("cases/", include("lantern.cases.urls")),
    path("risk/", include("lantern.risk.urls")),
    path("reports/", include("lantern.reports.urls")),
    path("import/", include("lantern.interchange.urls")),
    path("missing/together/", include("lantern.pages.missing_urls")),
    path(
        "missing/interviews/<uuid:interview_id>/people-and-places/",
        include("lantern.pages.interview_mapping_urls"),
    ),
    path("missing/", include("lantern.missing.urls")),
    path("mapping/", include("lantern.mapping.urls")),
    path("meetings/", include("lantern.meetings.urls")),
    path("actions/", include("lantern.meetings.action_urls")),
    path("nrm/", include("lantern.nrm.urls")),
    path("api/", include("lantern.api.urls")),
    path("admin/", admin.site.urls),
]
