"""Helpers for the security settings; imported by settings.py, so nothing here loads Django."""

from urllib.parse import urlsplit


def tile_image_source(url: str) -> str | None:
    """The origin of an XYZ tile URL as a Content-Security-Policy source, e.g.
    'https://tile.example.org'; a templated subdomain such as `{s}` becomes a wildcard
    ('https://*.tile.example.org'). None for a relative URL (this site's own, which 'self'
    covers) or an empty one."""
    if not url or "://" not in url:
        return None
    scheme, rest = url.split("://", 1)
    host = rest.split("/", 1)[0]
    if "{" in host:
        labels = host.split(".")
        last_templated = max(i for i, label in enumerate(labels) if "{" in label)
        host = ".".join(["*", *labels[last_templated + 1 :]])
    parts = urlsplit(f"{scheme}://{host}")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"
