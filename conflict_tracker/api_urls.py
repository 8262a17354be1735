"""The versioned REST API, mounted under /api/v1/."""

urlpatterns: list = []
