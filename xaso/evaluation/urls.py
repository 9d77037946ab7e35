from django.urls import path

from . import views

urlpatterns = [
    path("provinces/<int:province_pk>/evaluation/", views.evaluation_home, name="evaluation_home"),
    path("evaluation/<int:pk>/", views.evaluation_index, name="evaluation_index"),
    path("evaluation/<int:index_pk>/communes/<int:commune_pk>/", views.evaluation_assessment,
         name="evaluation_assessment"),
    path("evaluation/<int:pk>/ranking/", views.evaluation_ranking, name="evaluation_ranking"),
    path("evaluation/evidence/<int:pk>/", views.evaluation_evidence, name="evaluation_evidence"),
]
