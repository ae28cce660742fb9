from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts.views import SignInView, SignOutView
from config.api import urls as api_urls
from core import views as core_views

urlpatterns = [
    path("", include("home.urls")),  # /, /news/, /actions/
    path("login/", SignInView.as_view(), name="login"),
    path("logout/", SignOutView.as_view(), name="logout"),
    path("", include("tasks.urls")),
    path("", include("banking.urls")),
    path("", include("documents.urls")),
    path("", include("notices.urls")),
    path("healthz", core_views.health, name="health"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("", include("accounts.urls")),
    path("", include("registry.urls")),
    path("", include("systems.urls")),
    path("", include("backoffice.urls")),
    path("", include("apitokens.urls")),
    path("", include("integrations.urls")),
    path("", include("scim.urls")),  # /scim/v2/ and the SCIM token pages
    path("", include("participation.urls")),
    path("", include("conversations.urls")),
    path("", include("oidc.urls")),  # /.well-known/openid-configuration, /o/...
    path("api/v1/", api_urls()),
    path("admin/", admin.site.urls),
]

handler500 = "core.errorviews.server_error"

if settings.BENCH_VIEWS:  # the floors of `make bench`; never in production
    urlpatterns.append(path("bench/", include("bench.urls")))
