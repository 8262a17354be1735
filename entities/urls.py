from django.urls import path

from entities import views, views_workbench
from entities.feeds import ActorFeed, FollowingFeed, PlaceFeed

urlpatterns = [
    path("", views.home, name="home"),
    path("actors/", views.actor_list, name="actor_list"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor_detail"),
    path("places/", views.place_list, name="place_list"),
    path("places/<slug:slug>/", views.place_detail, name="place_detail"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("events/", views.event_list, name="event_list"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("network/", views.network, name="network"),
    # The analyst's workbench.
    path("actors/export.csv", views_workbench.actor_export_csv, name="actor_export_csv"),
    path("places/export.csv", views_workbench.place_export_csv, name="place_export_csv"),
    path(
        "places/export.geojson",
        views_workbench.place_export_geojson,
        name="place_export_geojson",
    ),
    path("meetings/export.csv", views_workbench.meeting_export_csv, name="meeting_export_csv"),
    path(
        "meetings/export.geojson",
        views_workbench.meeting_export_geojson,
        name="meeting_export_geojson",
    ),
    path("duplicates/", views_workbench.duplicates, name="duplicates"),
    path("duplicates/merge/", views_workbench.duplicate_merge, name="duplicate_merge"),
    path("duplicates/not-same/", views_workbench.duplicate_dismiss, name="duplicate_dismiss"),
    path(
        "actors/<slug:slug>/reject-alias/", views_workbench.alias_reject, name="actor_alias_reject"
    ),
    path("actors/<slug:slug>/reject-role/", views_workbench.role_reject, name="actor_role_reject"),
    path("actors/<slug:slug>/split-alias/", views_workbench.alias_split, name="actor_alias_split"),
    path("actors/<slug:slug>/fix/", views_workbench.actor_fix, name="actor_fix"),
    path(
        "actors/<slug:slug>/unlink-mention/",
        views_workbench.mention_unlink,
        {"kind": "actor"},
        name="actor_mention_unlink",
    ),
    path(
        "places/<slug:slug>/unlink-mention/",
        views_workbench.mention_unlink,
        {"kind": "place"},
        name="place_mention_unlink",
    ),
    path(
        "meetings/<int:pk>/reject-participant/",
        views_workbench.participant_reject,
        name="meeting_participant_reject",
    ),
    path(
        "meetings/<int:pk>/add-participant/",
        views_workbench.participant_add,
        name="meeting_participant_add",
    ),
    path("meetings/<int:pk>/reject/", views_workbench.meeting_reject, name="meeting_reject"),
    path("corrections/<int:correction_pk>/undo/", views_workbench.undo, name="correction_undo"),
    path("actors/<slug:slug>/feed/", ActorFeed(), name="actor_feed"),
    path(
        "actors/<slug:slug>/follow/",
        views_workbench.follow_toggle,
        {"kind": "actor"},
        name="actor_follow",
    ),
    path(
        "places/<slug:slug>/follow/",
        views_workbench.follow_toggle,
        {"kind": "place"},
        name="place_follow",
    ),
    path("following/", views_workbench.following, name="following"),
    path("following/seen/", views_workbench.following_seen, name="following_seen"),
    path("following/feed/<str:token>/", FollowingFeed(), name="following_feed"),
    path("places/<slug:slug>/feed/", PlaceFeed(), name="place_feed"),
]
