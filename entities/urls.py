from django.urls import path

from entities import views

urlpatterns = [
    path("", views.home, name="home"),
]
