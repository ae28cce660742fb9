"""Bench-only URLs, included by config/urls.py only when settings.BENCH_VIEWS is true."""

from django.urls import path

from bench import views

urlpatterns = [
    path("constant/", views.constant, name="bench-constant"),
    path("one-row/<int:pk>/", views.one_row, name="bench-one-row"),
]
