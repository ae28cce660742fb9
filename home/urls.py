from django.urls import path

from home import views

urlpatterns = [
    path("", views.home, name="home"),
    path("news/", views.news, name="news"),
    path("actions/", views.actions, name="actions"),
]
