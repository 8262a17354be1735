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


class RowLinkField(serializers.HyperlinkedIdentityField):
    """DRF's link to each row's detail, with reverse() resolved once per response (through
    address_maker, kept in the serializer's context) instead of once per row: a page of fifty
    events links to some two hundred events, actors and places."""

    def __init__(self, view_name: str, *, placeholder: str | int, **kwargs):
        self.placeholder = placeholder
        super().__init__(view_name=view_name, **kwargs)

    def get_url(self, obj, view_name, request, format):
        key = getattr(obj, self.lookup_field)
        if key in (None, ""):
            return None
        makers = self.context.setdefault("address_makers", {})
        made = (view_name, format, request is None)
        if made not in makers:
            makers[made] = address_maker(
                view_name, placeholder=self.placeholder, request=request, format=format
            )
        return makers[made](key)
