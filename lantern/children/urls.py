from django.urls import path

from lantern.children import views

app_name = "children"
urlpatterns = [
    path("", views.child_list, name="list"),
    path("new/", views.child_new, name="new"),
    path("<uuid:child_id>/", views.child_detail, name="detail"),
    path("<uuid:child_id>/edit/", views.child_edit, name="edit"),
    path("<uuid:child_id>/break-glass/", views.child_break_glass_view, name="break_glass"),
    path(
        "break-glass/<int:event_id>/reviewed/",
        views.break_glass_review,
        name="break_glass_review",
    ),
]
