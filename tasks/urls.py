from django.urls import path

from tasks import views

urlpatterns = [
    path("tasks/", views.task_list, name="tasks"),
    path("tasks/done/", views.done_list, name="tasks-done"),
    path("tasks/my-requests/", views.my_requests, name="tasks-mine"),
    path("tasks/<int:task_id>/", views.task_detail, name="tasks-detail"),
    path("tasks/<int:task_id>/accept/", views.accept_task, name="tasks-accept"),
    path("tasks/<int:task_id>/release/", views.release_task, name="tasks-release"),
    path("tasks/<int:task_id>/approve/", views.approve_task, name="tasks-approve"),
    path("tasks/<int:task_id>/reject/", views.reject_task, name="tasks-reject"),
]
