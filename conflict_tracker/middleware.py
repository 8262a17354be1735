"""Request checks that apply to every page and API view alike."""

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse

from conflict_tracker.api_errors import error_body

API_PREFIX = "/api/"


def null_parameter_names(request: HttpRequest) -> list[str]:
    """Names of the query parameters whose name or any value holds a NUL character."""
    return sorted(
        {
            name.replace("\x00", "\\x00")
            for name, values in request.GET.lists()
            if "\x00" in name or any("\x00" in value for value in values)
        }
    )


class RejectNullCharactersMiddleware:
    """The one check of query parameters for NUL characters, before any view parses them.

    No page, filter or search can use a NUL (PostgreSQL text cannot hold one, and the query would
    fail as a 500): pages answer Django's 400, the API its JSON 400 error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        bad = null_parameter_names(request)
        if not bad:
            return self.get_response(request)
        message = f"Null characters are not allowed in query parameters ({', '.join(bad)})."
        if request.path_info.startswith(API_PREFIX):
            details = {name: ["Null characters are not allowed."] for name in bad}
            return JsonResponse(error_body(400, "null_characters", message, details), status=400)
        raise BadRequest(message)  # Django's 400 page (handler400)
