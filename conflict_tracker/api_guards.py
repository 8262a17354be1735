"""Rate limits and the JSON parser of the API (and of the upload form's limit).

Kept apart from api_support: REST_FRAMEWORK names these classes, and DRF imports them while
its own views are being defined, so this module must not import any view.
"""

from django.core.cache import caches
from django.utils.connection import ConnectionProxy
from rest_framework import exceptions, parsers, throttling


def client_address(request) -> str:
    """The client's address as the rate limits and the login lockout count it: REMOTE_ADDR, or
    with TRUSTED_PROXY_COUNT proxies in front, the address the nearest proxy saw (never an
    X-Forwarded-For the client made up)."""
    return throttling.BaseThrottle().get_ident(request)


# Every web process must see the same counts: the "throttle" cache is Redis or a database table.
throttle_cache = ConnectionProxy(caches, "throttle")


class AnonRateThrottle(throttling.AnonRateThrottle):
    cache = throttle_cache


class UserRateThrottle(throttling.UserRateThrottle):
    cache = throttle_cache


class UploadRateThrottle(throttling.ScopedRateThrottle):
    """The `uploads` rate, one budget per user for the API upload and the upload form alike."""

    cache = throttle_cache

    class _Uploads:
        throttle_scope = "uploads"

    def allow_request(self, request, view=None) -> bool:
        # The upload form is no DRF view: it counts in the same scope as the API's upload.
        return super().allow_request(request, view if view is not None else self._Uploads)


# --- Request bodies ----------------------------------------------------------------------------


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser; a body nested too deeply for Python's decoder is a 400, not a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(
                "JSON parse error - the body is nested too deeply; send a flatter document."
            ) from None
