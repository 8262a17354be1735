"""What the API's views share beyond REST_FRAMEWORK's defaults: checks, JSON errors, docs views.

Authentication, permissions, throttles, parsers, pagination, renderers and filter backends are
REST_FRAMEWORK's defaults (conflict_tracker/settings.py). A view sets its own only to add to
them or narrow them (places add GeoJSON, the upload takes no urlencoded form); a test checks.
"""

import json

from drf_spectacular.settings import spectacular_settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework import exceptions, renderers


class ApiViewMixin:
    """Checks and error rendering every API view adds to DRF's (the classes come from settings)."""

    def initial(self, request, *args, **kwargs):
        # PostgreSQL cannot compare text with NUL; say so instead of failing in the database.
        # (Query parameters are checked for every URL by RejectNullCharactersMiddleware.)
        bad = sorted({name for name, value in kwargs.items() if "\x00" in str(value)})
        if bad:
            raise exceptions.ValidationError(
                {name: ["Null characters are not allowed."] for name in bad}
            )
        super().initial(request, *args, **kwargs)

    def perform_content_negotiation(self, request, force=False):
        if not force and request.query_params.get("format") == "":
            raise exceptions.ValidationError(
                {"format": ["Empty value: use one of the listed formats, or leave it out."]}
            )
        return super().perform_content_negotiation(request, force)

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        # Errors are JSON whatever format was asked for, as the schema documents.
        self.request.accepted_renderer = renderers.JSONRenderer()
        self.request.accepted_media_type = "application/json"
        return response


class SchemaView(ApiViewMixin, SpectacularAPIView):
    renderer_classes = SpectacularAPIView.renderer_classes
    pagination_class = None


class SwaggerView(ApiViewMixin, SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar; its online validator badge (an outside request) is off.

    The split view serves the start-up script at `?script`, a file of this site, so the page
    needs no inline script under the Content-Security-Policy.
    """

    renderer_classes = SpectacularSwaggerSplitView.renderer_classes
    pagination_class = None

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        configured = spectacular_settings.SWAGGER_UI_SETTINGS
        if "settings" in response.data and isinstance(configured, dict):
            ui_settings = {**configured, "validatorUrl": None}
            response.data["settings"] = json.dumps(ui_settings, indent=2)
        return response


class RedocView(ApiViewMixin, SpectacularRedocView):
    renderer_classes = SpectacularRedocView.renderer_classes
    pagination_class = None
