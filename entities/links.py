"""Addresses of many rows at once: one reverse() for a whole list of map points or features."""

from collections.abc import Callable

from rest_framework.reverse import reverse


def address_maker(
    viewname: str, *, placeholder: str | int, request=None
) -> Callable[[object], str]:
    """A function from a row's key (slug or id) to the address of `viewname` for it.

    reverse() is resolved once, with `placeholder` (a value the URL pattern accepts: a slug for
    slug routes, a number for int routes) in the key's place, and each key is put in its spot.
    With `request` the address is absolute and keeps the request's `format` parameter, as DRF's
    own hyperlinks do."""
    mark = str(placeholder)
    before, after = reverse(viewname, args=[placeholder], request=request).split(mark)
    return lambda key: f"{before}{key}{after}"
