from django.contrib import admin
from django.db import transaction

from articles.models import Article
from articles.services import article_published_change, articles_delete


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

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change and "published" in form.changed_data:
                article_published_change(article=obj)

    def delete_model(self, request, obj):
        # Through the service, so the facts only this article attested go and counters follow.
        articles_delete(articles=[obj])

    def delete_queryset(self, request, queryset):
        articles_delete(articles=list(queryset.only("pk")))
