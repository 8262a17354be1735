"""The versioned REST API, mounted under /api/v1/."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.http import JsonResponse
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt
from rest_framework.reverse import reverse
from rest_framework.routers import DefaultRouter

from articles.api import ArticleViewSet
from conflict_tracker.api_errors import error_body
from conflict_tracker.api_support import RedocView, SchemaView, SwaggerView
from entities.api import ActorViewSet, MeetingViewSet, PlaceViewSet


class ApiRootView(DefaultRouter.APIRootView):
    """The endpoints of the Conflict Tracker API, with where its documentation is."""

    def get_view_name(self) -> str:
        return "Conflict Tracker API"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.data = {
            "name": "Conflict Tracker API",
            "docs": reverse("api-docs", request=request),
            "schema": reverse("api-schema", request=request),
            **response.data,
        }
        return response


router = DefaultRouter()
router.APIRootView = ApiRootView
router.include_format_suffixes = False
router.register("articles", ArticleViewSet, basename="api-article")
router.register("actors", ActorViewSet, basename="api-actor")
router.register("places", PlaceViewSet, basename="api-place")
router.register("meetings", MeetingViewSet, basename="api-meeting")


# The docs pages run third-party bundles under the site's Content-Security-Policy, with what
# each needs on top: Swagger UI's stylesheet draws its icons as data: images; Redoc also injects
# its styles at run time (styled-components) and runs its search in a blob: worker.
SWAGGER_CSP = {"img-src": ["data:"]}
REDOC_CSP = {"img-src": ["data:"], "style-src": [UNSAFE_INLINE], "worker-src": ["blob:"]}


@csrf_exempt
def api_not_found(request, path: str = ""):
    """Unknown addresses under /api/v1/ answer in the API's error shape, not an HTML page."""
    body = error_body(
        404,
        "not_found",
        f"No API endpoint at {request.path}. The endpoints are listed at /api/v1/ "
        "and documented at /api/v1/docs/.",
    )
    return JsonResponse(body, status=404)


urlpatterns = [
    path("schema/", SchemaView.as_view(), name="api-schema"),
    path(
        "docs/",
        csp_update(SWAGGER_CSP)(SwaggerView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path(
        "redoc/", csp_update(REDOC_CSP)(RedocView.as_view(url_name="api-schema")), name="api-redoc"
    ),
    *router.urls,
    re_path(r"^(?P<path>[\s\S]*)$", api_not_found),
]
