"""The child record's own pages; `lantern.pages.children_urls` adds the list and the child's
page to the same `children:` names."""

from django.urls import path

from lantern.children import views

urlpatterns = [
    path("new/", views.child_new, name="new"),
    path("<uuid:child_id>/edit/", views.child_edit, name="edit"),
    path("<uuid:child_id>/break-glass/", views.child_break_glass_view, name="break_glass"),
    path("<uuid:child_id>/shares/", views.child_shares, name="shares"),
    path("shares/<int:share_id>/end/", views.child_share_end_view, name="share_end"),
    path("shares/<int:share_id>/reviewed/", views.child_share_review_view, name="share_review"),
    path("placing-authorities/", views.placing_authorities, name="placing_authorities"),
    path("placing-authorities/new/", views.placing_authority_edit, name="placing_authority_new"),
    path(
        "placing-authorities/<int:authority_id>/",
        views.placing_authority_edit,
        name="placing_authority_edit",
    ),
    path("shares/review/", views.shares_review_list, name="shares_due"),
    path(
        "break-glass/<int:event_id>/reviewed/",
        views.break_glass_review,
        name="break_glass_review",
    ),
]
