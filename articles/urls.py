from django.urls import path

from articles import exports, views

urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("<int:pk>/", views.article_detail, name="article_detail"),
    path("upload/", views.article_upload, name="article_upload"),
    path("upload/read.json", views.article_upload_read, name="article_upload_read"),
    path("<int:pk>/status.json", views.article_status, name="article_status"),
    path("<int:pk>/reprocess/", views.article_reprocess, name="article_reprocess"),
    path("export.csv", exports.article_export_csv, name="article_export_csv"),
]
