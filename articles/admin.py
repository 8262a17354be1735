from django.contrib import admin

from articles.models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Articles arrive through the upload form, the API and the importer, never typed in here."""

    list_display = ["title", "published", "source_name", "status", "processed_at", "uploaded_by"]
    list_filter = ["status", "source_name", ("published", admin.DateFieldListFilter)]
    search_fields = ["title", "source_url", "content_hash"]
    date_hierarchy = "published"
    list_select_related = ["uploaded_by"]
    readonly_fields = [
        "content_hash",
        "text",
        "status",
        "error",
        "attempts",
        "queued_at",
        "processed_at",
        "extractor_version",
        "extracted_hash",
        "uploaded_by",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False
