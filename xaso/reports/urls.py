from django.urls import path

from . import views

urlpatterns = [
    path("plans/<int:pk>/report/", views.plan_report, name="plan_report"),
    path("provinces/<int:pk>/report.xlsx", views.province_report, name="province_report"),
]
