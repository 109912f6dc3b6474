"""Everything under /children/: the list and the child's page (composition pages here) and
the child record's own pages (lantern.children.urls), under one `children:` namespace."""

from django.urls import path

from lantern.children.urls import urlpatterns as child_record_urls
from lantern.pages import children, merging, worklists

app_name = "children"
urlpatterns = [
    path("", children.child_list, name="list"),
    path("reviews-due/", worklists.risk_reviews_due, name="reviews_due"),
    path("<uuid:child_id>/", children.child_detail, name="detail"),
    path("<uuid:child_id>/merge/", merging.child_merge_find, name="merge"),
    path(
        "<uuid:child_id>/merge/<uuid:other_id>/",
        merging.child_merge_confirm,
        name="merge_confirm",
    ),
    path("merges/<int:merge_id>/undo/", merging.child_merge_undo, name="merge_undo"),
    *child_record_urls,
]
