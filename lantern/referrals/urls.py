"""The referral pages; `lantern.cases.referral_urls` adds deciding one to the same names."""

from django.urls import path

from lantern.referrals import views

urlpatterns = [
    path("", views.referral_queue, name="queue"),
    path("new/", views.referral_new, name="new"),
    path("submit/", views.referral_submit, name="submit"),
    path("mine/", views.referrals_mine, name="mine"),
    path("<uuid:referral_id>/", views.referral_detail, name="detail"),
    path("<uuid:referral_id>/reopen/", views.referral_reopen_view, name="reopen"),
]
