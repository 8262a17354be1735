"""The OpenAPI schema of the API: shared error responses, CSV and GeoJSON bodies.

REST_FRAMEWORK names ApiAutoSchema as DEFAULT_SCHEMA_CLASS, so this module imports no view.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from conflict_tracker.api_defaults import GeoJSONRenderer
from conflict_tracker.api_errors import ErrorSerializer

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
