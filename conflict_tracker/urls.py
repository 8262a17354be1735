from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

admin.site.site_header = "Conflict Tracker administration"
admin.site.site_title = "Conflict Tracker admin"
admin.site.index_title = "Curation"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/", include("conflict_tracker.api_urls")),
    path("articles/", include("articles.urls")),
    path("", include("entities.urls")),
]
