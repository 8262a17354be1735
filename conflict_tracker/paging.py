"""Paginators whose cost does not grow with the table: counts stop at a limit.

Counting three million events to print their number costs more than the rest of a page or an
API response. The pages and the API count up to COUNT_LIMIT rows and say "more than" beyond it.
"""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.functional import cached_property

COUNT_LIMIT = 10_000
# No list is longer than this; a page number that starts past it has no rows (and would overflow
# PostgreSQL's OFFSET, a bigint, if asked).
MAX_OFFSET = 10**12


def bounded_count(queryset, limit: int = COUNT_LIMIT) -> int:
    """The rows of `queryset`, counted up to `limit` + 1 (one COUNT over at most that many ids):
    more than `limit` means "more than"."""
    return queryset.order_by().values("pk")[: limit + 1].count()


class BoundedPaginator(Paginator):
    """A paginator whose count stops at `limit` + 1 rows (one bounded COUNT over the ids);
    `capped` says the true count is larger. Its pages end where the count does."""

    limit = COUNT_LIMIT

    @cached_property
    def count(self) -> int:
        return bounded_count(self.object_list, self.limit)

    @property
    def capped(self) -> bool:
        return self.count > self.limit


class LookaheadPage(Page):
    """A page that knows whether another follows from the one row read past its end."""

    def __init__(self, object_list, number, paginator, *, more: bool):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class LookaheadPaginator(BoundedPaginator):
    """Every page is served, past the limit too, by reading one row beyond it (so `next` is
    known without a count). The count is exact, from the rows, when the page is the last one
    (`rows_counted`); otherwise it is the bounded count, and `capped` says there are more than
    `limit`."""

    rows_counted = False

    @property
    def capped(self) -> bool:
        return not self.rows_counted and super().capped

    def validate_number(self, number) -> int:
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        if (number - 1) * self.per_page > MAX_OFFSET:  # the database's OFFSET would overflow
            raise EmptyPage("That page contains no results")
        return number

    def page(self, number) -> LookaheadPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage("That page contains no results")
        more = len(rows) > self.per_page
        if not more:
            self.count = bottom + len(rows)  # the cached property: no COUNT query needed
            self.rows_counted = True
        return LookaheadPage(rows[: self.per_page], number, self, more=more)
