from django.urls import path

from . import check_views, history_views, import_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("provinces/<int:pk>/", views.province_detail, name="province_detail"),
    path("provinces/<int:province_pk>/communes/new/", views.commune_create, name="commune_create"),
    path("communes/<int:pk>/", views.commune_detail, name="commune_detail"),
    path("communes/<int:pk>/edit/", views.commune_edit, name="commune_edit"),
    path("communes/<int:pk>/delete/", views.commune_delete, name="commune_delete"),
    path("communes/<int:commune_pk>/units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:pk>/delete/", views.unit_delete, name="unit_delete"),
    path("communes/<int:commune_pk>/plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/delete/", views.plan_delete, name="plan_delete"),
    path("plans/<int:plan_pk>/indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
    path("plans/<int:plan_pk>/tasks/new/", views.task_create, name="task_create"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/delete/", views.task_delete, name="task_delete"),
    path("communes/<int:commune_pk>/import/", import_views.import_upload, name="import_upload"),
    path("imports/<int:pk>/", import_views.import_review, name="import_review"),
    path("imports/<int:pk>/discard/", import_views.import_discard, name="import_discard"),
    path("check/", check_views.check_upload, name="check_upload"),
    path("history/<str:kind>/<int:pk>/", history_views.object_history, name="object_history"),
    path("communes/<int:pk>/trash/", history_views.commune_trash, name="commune_trash"),
    path("provinces/<int:pk>/trash/", history_views.province_trash, name="province_trash"),
    path("restore/<str:kind>/<int:pk>/", history_views.restore, name="restore"),
    path("plans/<int:pk>/findings/", check_views.plan_findings, name="plan_findings"),
]
