"""The exception handler: one JSON error shape with the right status for each failure."""

import pytest
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from rest_framework import exceptions

from conflict_tracker.api_errors import api_exception_handler


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (Http404("No Actor matches the given query."), 404, "not_found"),
        (PermissionDenied(), 403, "permission_denied"),
        (RequestDataTooBig("too big"), 413, "too_large"),
        (exceptions.NotAuthenticated(), 401, "not_authenticated"),
        (exceptions.MethodNotAllowed("PUT"), 405, "method_not_allowed"),
        (exceptions.NotAcceptable(), 406, "not_acceptable"),
        (exceptions.UnsupportedMediaType("text/plain"), 415, "unsupported_media_type"),
        (exceptions.Throttled(wait=7), 429, "throttled"),
        (exceptions.ValidationError({"kind": ["Bad."]}), 400, "invalid"),
        (exceptions.ValidationError(["Bad."]), 400, "invalid"),
    ],
)
def test_every_error_has_one_shape(exc, status, code):
    response = api_exception_handler(exc, {})
    assert response.status_code == status
    error = response.data["error"]
    assert set(error) == {"status", "code", "message", "details"}
    assert (error["status"], error["code"]) == (status, code)
    assert error["message"]


def test_details_carry_field_errors_and_the_wait():
    invalid = api_exception_handler(exceptions.ValidationError(["Bad."]), {})
    assert invalid.data["error"]["details"] == {"non_field_errors": ["Bad."]}
    throttled = api_exception_handler(exceptions.Throttled(wait=7), {})
    assert throttled.data["error"]["details"] == {"wait": 7}
    assert throttled["Retry-After"] == "7"


def test_other_exceptions_are_left_to_django():
    assert api_exception_handler(ValueError("bug"), {}) is None


def test_a_single_problem_names_its_code_several_say_invalid():
    one = exceptions.ValidationError({"published": ["Not a date."]}, code="bad_date")
    assert api_exception_handler(one, {}).data["error"]["code"] == "bad_date"
    two = exceptions.ValidationError(
        {
            "published": [exceptions.ErrorDetail("Not a date.", code="bad_date")],
            "text": [exceptions.ErrorDetail("Empty.", code="empty")],
        }
    )
    assert api_exception_handler(two, {}).data["error"]["code"] == "invalid"
