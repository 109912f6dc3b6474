"""Everything under /referrals/: the referral pages (lantern.referrals.urls) and deciding
one, which may open a case (a cases page), under one `referrals:` namespace."""

from django.urls import path

from lantern.cases import views
from lantern.referrals.urls import urlpatterns as referral_urls

app_name = "referrals"
urlpatterns = [
    *referral_urls,
    path("<uuid:referral_id>/decide/", views.referral_decide_view, name="decide"),
]
