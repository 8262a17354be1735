"""One JSON shape for every API error, and the exception handler that produces it.

Every error the API returns looks like::

    {"error": {"status": 400, "code": "invalid", "message": "...", "details": {...}}}

`status` repeats the HTTP status, `code` is stable and machine-readable, `message` is for a person
and `details` holds field errors (for 400) or the wait in seconds (for 429). A 400 has the code of
its one problem (`bad_date`, `required`, `empty`...), or `invalid` when there are several.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.views import exception_handler as drf_exception_handler


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The upload is too large."
    default_code = "too_large"


class UnsupportedFileType(exceptions.APIException):
    status_code = status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    default_detail = "Files of this type are not accepted."
    default_code = "unsupported_type"


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status code, repeated.")
    code = serializers.CharField(help_text="Stable machine-readable code, e.g. `not_found`.")
    message = serializers.CharField(help_text="What went wrong and what to do, for a person.")
    details = serializers.DictField(
        help_text="Field errors for `invalid` (field name to list of messages); "
        "`wait` in seconds for `throttled`; empty otherwise."
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


def _as_api_exception(exc: Exception) -> Exception:
    if isinstance(exc, Http404):
        return exceptions.NotFound(*exc.args)
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge("The request body is larger than the server accepts.")
    return exc


def _flat(codes) -> list[str]:
    if isinstance(codes, dict):
        return [code for value in codes.values() for code in _flat(value)]
    if isinstance(codes, list):
        return [code for value in codes for code in _flat(value)]
    return [str(codes)]


def _message_and_details(exc: exceptions.APIException) -> tuple[str, str, dict]:
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        details = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        fields = ", ".join(str(name) for name in details)
        codes = {code for code in _flat(exc.get_codes()) if code not in ("", "None")}
        code = codes.pop() if len(codes) == 1 else "invalid"
        return code, f"Invalid input ({fields}): see details.", details
    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else exc.default_code
    details: dict = {}
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        details["wait"] = exc.wait
    return code, str(exc.detail), details


def error_body(status_code: int, code: str, message: str, details: dict | None = None) -> dict:
    return {
        "error": {
            "status": status_code,
            "code": code,
            "message": message,
            "details": details or {},
        }
    }


def api_exception_handler(exc: Exception, context: dict):
    """DRF's handler (headers such as WWW-Authenticate and Retry-After), with our body."""
    exc = _as_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code, message, details = _message_and_details(exc)
    response.data = error_body(response.status_code, code, message, details)
    return response
