from django.urls import path

from . import views

urlpatterns = [
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("units/<int:pk>/tasks/", views.unit_tasks, name="unit_tasks"),
    path("tasks/<int:task_pk>/report/<int:unit_pk>/<str:period>/", views.report_task, name="report_task"),
    path("communes/<int:commune_pk>/reviews/", views.review_queue, name="review_queue"),
    path("plans/<int:plan_pk>/values/<int:unit_pk>/<str:period>/", views.indicator_values, name="indicator_values"),
    path("communes/<int:commune_pk>/dashboard/", views.commune_dashboard, name="commune_dashboard"),
    path("provinces/<int:province_pk>/dashboard/", views.province_dashboard, name="province_dashboard"),
]
