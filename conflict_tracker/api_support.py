"""What every API view shares: access rule, throttles, pagination, renderers, error shape, schema.

The views set these on themselves (through `ApiViewMixin`) so the API behaves the same whatever
REST_FRAMEWORK holds; settings only tune the rates and the page size.
"""

import csv
import io
import json
import re

from django.conf import settings
from django.urls import reverse as django_reverse
from django_filters import rest_framework as filters
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework import exceptions, parsers, permissions, renderers, serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import PageNumberPagination

from conflict_tracker.api_errors import ErrorSerializer, api_exception_handler
from conflict_tracker.api_guards import AnonRateThrottle, JSONParser, UserRateThrottle

# --- Access -----------------------------------------------------------------------------------


class ApiAccess(permissions.BasePermission):
    """Reading is open unless API_REQUIRE_LOGIN is set; writing always needs a signed-in user.

    The setting is read on each request, not at import, so a settings override applies at once.
    """

    def has_permission(self, request, view) -> bool:
        signed_in = bool(request.user and request.user.is_authenticated)
        if getattr(settings, "API_REQUIRE_LOGIN", False):
            return signed_in
        return request.method in permissions.SAFE_METHODS or signed_in


class StaffOnly(permissions.BasePermission):
    message = "Only staff members may do this."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)


# --- Links -----------------------------------------------------------------------------------


def api_url(request, view_name: str, *args) -> str:
    """Absolute URL of an API resource, without the `?format=` of the current request."""
    path = django_reverse(view_name, args=args)
    return request.build_absolute_uri(path) if request is not None else path


@extend_schema_field(OpenApiTypes.URI)
class ApiLinkField(serializers.Field):
    """The API URL of the object itself (read-only), e.g. `ApiLinkField("api-actor-detail", "slug")`."""

    def __init__(self, view_name: str, lookup: str = "pk", **kwargs):
        self.view_name = view_name
        self.lookup = lookup
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, instance) -> str:
        return api_url(self.context.get("request"), self.view_name, getattr(instance, self.lookup))


# --- Lists ------------------------------------------------------------------------------------


class ApiPagination(PageNumberPagination):
    """`?page=` and `?page_size=` (1 to 1000); a bad page size is a 400, not silently ignored."""

    page_size_query_param = "page_size"
    max_page_size = 1000

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if not 1 <= value <= self.max_page_size:
            raise exceptions.ValidationError(
                {"page_size": [f"Give a whole number from 1 to {self.max_page_size}."]}
            )
        return value

    def get_page_number(self, request, paginator):
        if request.query_params.get(self.page_query_param) == "":
            raise exceptions.ValidationError(
                {self.page_query_param: ["Give a page number from 1, or leave the parameter out."]}
            )
        return super().get_page_number(request, paginator)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters


class StrictFilterSet(filters.FilterSet):
    """A filter parameter given empty is a 400, unless it is free text (where empty means any).

    django-filter would silently ignore `?kind=` or `?published_after=`; a script with a typo'd
    variable should hear about it.
    """

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name, declared in self.filters.items():
            if type(declared) is filters.CharFilter or self.data.get(name, None) != "":
                continue
            if name in self.form.errors:
                continue
            self.form.add_error(name, "Empty value: give one, or leave the parameter out.")
            valid = False
        return valid


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=a,-b`; an unknown field is a 400 naming the allowed ones."""

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if not raw:
            return self.get_default_ordering(view)
        fields = [term.strip() for term in raw.split(",") if term.strip()]
        valid = self.remove_invalid_fields(queryset, fields, view, request)
        if len(valid) != len(fields):
            allowed = sorted(name for name, _ in self.get_valid_fields(queryset, view, {}))
            raise exceptions.ValidationError(
                {
                    self.ordering_param: [
                        f"Unknown ordering {raw!r}. Use one of: {', '.join(allowed)} "
                        "(prefix with - for descending; separate several with commas)."
                    ]
                }
            )
        return valid

    def get_schema_operation_parameters(self, view):
        fields = [name for name, _ in self.get_valid_fields(None, view, {})] or ["id"]
        names = "|".join(re.escape(name) for name in fields)
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": f"Sort by {', '.join(fields)}; prefix with - for descending, "
                "separate several with commas.",
                "schema": {"type": "string", "pattern": f"^(-?({names})(,-?({names}))*)?$"},
            }
        ]


# --- Renderers ---------------------------------------------------------------------------------


# A spreadsheet reads a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    """Text that a spreadsheet shows as text: a leading formula character gets a quote before it."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)  # a number, such as a negative longitude, is data, never a formula
    if isinstance(value, dict):
        for key in ("name", "title", "sentence", "slug", "id"):
            if key in value:
                return _cell(value[key])
        return _text(json.dumps(value, ensure_ascii=False))
    if isinstance(value, list | tuple):
        return _text("; ".join(_cell(item) for item in value))
    return _text(str(value))


def flatten_row(row: dict, prefix: str = "") -> dict[str, str]:
    """One CSV row: nested objects become `parent.child` columns; lists are joined with '; ',
    a list of objects by each object's name (or title, sentence, slug, id). Text that starts
    like a formula (= + - @, tab, CR) gets a leading single quote."""
    flat: dict[str, str] = {}
    for key, value in row.items():
        column = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(flatten_row(value, f"{column}."))
        else:
            flat[column] = _cell(value)
    return flat


class CSVRenderer(renderers.BaseRenderer):
    """`?format=csv`: the rows of the current page (or the one object), one column per field."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if isinstance(data, dict) and "results" in data:
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        flat_rows = [flatten_row(row) for row in rows]
        columns = list(dict.fromkeys(column for row in flat_rows for column in row))
        # A view may fix its columns (the events' ACLED layout): the header is there even with
        # no rows, and always in that order. Other bodies (OPTIONS metadata) keep their own.
        fixed = getattr((renderer_context or {}).get("view"), "csv_columns", None)
        if fixed and set(columns) <= set(fixed):
            columns = list(fixed)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(flat_rows)
        return buffer.getvalue().encode(self.charset)


class GeoJSONRenderer(renderers.JSONRenderer):
    """`?format=geojson`: RFC 7946 GeoJSON; the view hands it a Feature or FeatureCollection."""

    media_type = "application/geo+json"
    format = "geojson"


# --- Schema -------------------------------------------------------------------------------------

_POINT = {
    "type": "object",
    "required": ["type", "coordinates"],
    "properties": {
        "type": {"type": "string", "enum": ["Point"]},
        "coordinates": {
            "type": "array",
            "items": {"type": "number"},
            "minItems": 2,
            "maxItems": 2,
            "description": "[longitude, latitude] in WGS 84.",
        },
    },
}


def geojson_feature_schema(properties: dict) -> dict:
    return {
        "type": "object",
        "required": ["type", "geometry", "properties"],
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": {"type": "string"},
            "geometry": {**_POINT, "nullable": True},
            "properties": properties,
        },
    }


def geojson_collection_schema(properties: dict) -> dict:
    return {
        "type": "object",
        "required": ["type", "features"],
        "properties": {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "features": {"type": "array", "items": geojson_feature_schema(properties)},
        },
    }


# Free-text parameters may hold anything but NUL (PostgreSQL text cannot).
NO_NUL_PATTERN = "^[^\\x00]*$"

ERROR_RESPONSES = {
    400: "Invalid input: a bad filter, page size, ordering or body. `details` names the fields.",
    401: "No valid credentials: send `Authorization: Token <key>` or sign in.",
    403: "Signed in but not allowed (staff only, or a missing CSRF token with a session).",
    404: "No such object, page or format.",
    405: "This method is not allowed here.",
    406: "None of the accepted media types can be produced.",
    429: "Too many requests; `details.wait` says how many seconds to wait.",
}
WRITE_ERROR_RESPONSES = {
    413: "The upload is larger than the server accepts.",
    415: "Unsupported request content type or file type.",
}


class ApiAutoSchema(AutoSchema):
    """Adds the shared error responses to every operation and gives CSV and GeoJSON their own
    body schemas (views set `geojson_properties_schema` to describe feature properties)."""

    def _get_parameters(self):
        parameters = super()._get_parameters()
        for parameter in parameters:
            schema = parameter.get("schema", {})
            plain = not ({"pattern", "enum", "format"} & set(schema))
            if schema.get("type") == "string" and plain:
                schema["pattern"] = NO_NUL_PATTERN
        return parameters

    def get_auth(self):
        auth = super().get_auth()
        anonymous_reads = not getattr(settings, "API_REQUIRE_LOGIN", False)
        if anonymous_reads and self.method in permissions.SAFE_METHODS and {} not in auth:
            auth.append({})
        return auth

    def _error_statuses(self) -> dict[int, str]:
        statuses = dict(ERROR_RESPONSES)
        if self.method in ("POST", "PUT", "PATCH"):
            statuses.update(WRITE_ERROR_RESPONSES)
        return statuses

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status, description in sorted(self._error_statuses().items()):
            responses.setdefault(
                str(status),
                self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description),
                    str(status),
                    media_types=["application/json"],
                    direction=direction,
                ),
            )
        return responses

    def _get_response_for_code(
        self, serializer, status_code, media_types=None, direction="response"
    ):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        content = response.get("content", {})
        if "text/csv" in content:
            content["text/csv"] = {
                "schema": {
                    "type": "string",
                    "description": "CSV with a header row; nested fields as `parent.child` "
                    "columns, lists joined with '; '.",
                }
            }
        properties = getattr(self.view, "geojson_properties_schema", None)
        if GeoJSONRenderer.media_type in content and properties is not None:
            listing = getattr(self.view, "action", None) == "list"
            content[GeoJSONRenderer.media_type] = {
                "schema": geojson_collection_schema(properties)
                if listing
                else geojson_feature_schema(properties)
            }
        return response


# --- Views --------------------------------------------------------------------------------------


class ApiViewMixin:
    """Auth, access, throttles, pagination, renderers, errors and schema of every API view."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [ApiAccess]
    throttle_classes = [AnonRateThrottle, UserRateThrottle]
    parser_classes = [JSONParser, parsers.FormParser, parsers.MultiPartParser]
    pagination_class = ApiPagination
    renderer_classes = [renderers.JSONRenderer, renderers.BrowsableAPIRenderer, CSVRenderer]
    schema = ApiAutoSchema()

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

    def get_exception_handler(self):
        return api_exception_handler

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
