from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from xaso.api.routes import api
from xaso.health import healthz
from xaso.search.views import search

admin.site.site_header = "Quản trị xaso"
admin.site.site_title = "xaso"
admin.site.index_title = "Quản trị dữ liệu"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("search/", search, name="search"),
    path("", include("xaso.plans.urls")),
    path("", include("xaso.tracking.urls")),
    path("", include("xaso.reports.urls")),
    path("", include("xaso.accounts.urls")),
    path("", include("xaso.jobs.urls")),
    path("", include("xaso.evaluation.urls")),
]
