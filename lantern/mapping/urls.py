from django.urls import path

from lantern.mapping import views

app_name = "mapping"
urlpatterns = [
    path("analysis/", views.analysis, name="analysis"),
    path("hotspots/", views.hotspots, name="hotspots"),
    path("entities/", views.entity_list, name="entity_list"),
    path("entities/new/", views.entity_new, name="entity_new"),
    path("entities/<uuid:entity_id>/", views.entity_detail, name="entity_detail"),
    path("entities/<uuid:entity_id>/matches/", views.entity_matches, name="entity_matches"),
    path("entities/<uuid:entity_id>/merge/", views.entity_merge, name="entity_merge"),
    path(
        "entities/<uuid:entity_id>/merge/undo/", views.entity_merge_undo, name="entity_merge_undo"
    ),
    path("links/new/", views.link_new, name="link_new"),
    path("intelligence/new/", views.intelligence_new, name="intelligence_new"),
    path("disruptions/new/", views.disruption_new, name="disruption_new"),
    path("operations/", views.operation_list, name="operation_list"),
    path("operations/new/", views.operation_new, name="operation_new"),
    path("operations/<int:operation_id>/", views.operation_detail, name="operation_detail"),
]
urlpatterns += [
    path("network/", views.network, name="network"),
    path("network/picture-saved/", views.network_picture_exported, name="network_picture_saved"),
]
