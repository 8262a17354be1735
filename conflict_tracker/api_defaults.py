"""The classes REST_FRAMEWORK names as the API's defaults: pagination, ordering, renderers.

DRF reads its default classes while its own views are being defined, so, like api_guards, this
module must not import any view (nor drf_spectacular's views).
"""

import csv
import io
import json
import re

from django_filters import rest_framework as filters
from rest_framework import exceptions, renderers
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from conflict_tracker.paging import COUNT_LIMIT, LookaheadPaginator

# --- Lists ------------------------------------------------------------------------------------


class ApiPagination(PageNumberPagination):
    """`?page=` and `?page_size=` (1 to 1000); a bad page size is a 400, not silently ignored.

    `count` is exact up to COUNT_LIMIT rows; beyond, it is the limit and `count_exact` is false (counting
    three million events would cost more than reading the page). Every page is still served:
    `next` is known by reading one row past the page, so a client walks `next` to the end, and
    the last page's count is exact.
    """

    django_paginator_class = LookaheadPaginator
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
        page = request.query_params.get(self.page_query_param)
        if page in self.last_page_strings and paginator.capped:
            raise exceptions.NotFound(
                f"There are more than {paginator.limit:,} rows, so the last page has no number: "
                "narrow the filters, or follow `next` from page 1."
            )
        return super().get_page_number(request, paginator)

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        return Response(
            {
                "count": paginator.limit if paginator.capped else paginator.count,
                "count_exact": not paginator.capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["description"] = (
            f"The number of matching rows, counted up to {COUNT_LIMIT:,}."
        )
        response["properties"] = {
            "count": response["properties"]["count"],
            "count_exact": {
                "type": "boolean",
                "description": f"False when there are more than {COUNT_LIMIT:,} matching rows "
                f"(`count` is then {COUNT_LIMIT:,}); follow `next` to read them all.",
            },
            **{k: v for k, v in response["properties"].items() if k != "count"},
        }
        response["required"] = ["count", "count_exact", "results"]
        return response

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
