"""Addresses of many rows at once: one reverse() for a whole list of rows, points or features."""

from collections.abc import Callable
from urllib.parse import quote

from rest_framework import serializers
from rest_framework.reverse import reverse

# What reverse() leaves unquoted in a path (django.urls.resolvers quotes the rest).
_PATH_SAFE = "!$&'()*+,;=/~:@"
# Placeholders for address_maker: a value each kind of route accepts, found nowhere else in an
# address (a slug route takes any text without "/" or "."; an id route only digits).
SLUG = "0-slug-0"
ID = 918273645546372819


def address_maker(
    viewname: str, *, placeholder: str | int, request=None, format: str | None = None
) -> Callable[[object], str]:
    """A function from a row's key (slug or id) to the address of `viewname` for it.

    reverse() is resolved once, with `placeholder` (a value the URL pattern accepts: a slug for
    slug routes, a number for int routes) in the key's place, and each key is put in its spot.
    With `request` the address is absolute and keeps the request's `format` parameter, as DRF's
    own hyperlinks do."""
    mark = str(placeholder)
    address = reverse(viewname, args=[placeholder], request=request, format=format)
    before, after = address.split(mark)
    return lambda key: f"{before}{quote(str(key), safe=_PATH_SAFE)}{after}"


def context_address(context: dict, viewname: str, key: str | int, *, format=None) -> str:
    """The address of `viewname` for `key`, absolute when the serializer context has a request;
    the address_maker is kept in the context, so a response reverses each route once."""
    makers = context.setdefault("address_makers", {})
    made = (viewname, format, isinstance(key, int))
    if made not in makers:
        makers[made] = address_maker(
            viewname,
            placeholder=ID if isinstance(key, int) else SLUG,
            request=context.get("request"),
            format=format,
        )
    return makers[made](key)


class RowLinkField(serializers.HyperlinkedIdentityField):
    """DRF's link to each row's detail, with reverse() resolved once per response (through
    address_maker, kept in the serializer's context) instead of once per row: a page of fifty
    events links to some two hundred events, actors and places."""

    def get_url(self, obj, view_name, request, format):
        key = getattr(obj, self.lookup_field)
        if key in (None, ""):
            return None
        return context_address(self.context, view_name, key, format=format)
