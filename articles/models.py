import hashlib
import unicodedata

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.urls import reverse

from conflict_tracker.db_indexes import PostgresGinIndex


def content_hash(text: str) -> str:
    """The identity of an article's text: the same words uploaded twice hash the same.

    Unicode is NFC-normalized and runs of white space are folded, so re-encoded or re-wrapped copies
    of one report are recognised as duplicates.
    """
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


class Article(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        PROCESSING = "processing", "Processing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    title = models.CharField(max_length=500)
    text = models.TextField()
    source_url = models.URLField(max_length=2000, blank=True)
    source_name = models.CharField(
        max_length=200, blank=True, help_text="The outlet, e.g. Reuters."
    )
    published = models.DateField(
        null=True, blank=True, help_text="Publication date; relative dates resolve against it."
    )
    content_hash = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True, help_text="Why processing failed, for the analyst.")
    attempts = models.PositiveIntegerField(default=0)
    queued_at = models.DateTimeField(null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    extracted_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="content_hash of the text the stored facts were extracted from.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_hash"], name="articles_article_unique_content_hash"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "processing", "done", "failed"]),
                name="articles_article_valid_status",
            ),
        ]
        indexes = [
            # The periodic sweep: articles stuck in queued/processing, oldest first.
            models.Index(fields=["status", "queued_at"], name="articles_status_queued_idx"),
            # Article lists and date-range filters.
            models.Index(fields=["published"], name="articles_published_idx"),
            # The article list filtered by status (page and API ?status=), newest first.
            models.Index(fields=["status", "published"], name="articles_status_published_idx"),
            models.Index(fields=["created_at"], name="articles_created_idx"),
            # Text search, page and API ?q= (selectors.article_text_search): the same expression
            # as selectors.article_search_vector, or PostgreSQL cannot use it.
            PostgresGinIndex(
                SearchVector("title", "text", config="english"), name="articles_text_search"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("article_detail", args=[self.pk])


class ArticleTally(models.Model):
    """How many articles there are, in one row (pk 1) that PostgreSQL's triggers keep: every
    statement that inserts, deletes or truncates articles, whoever runs it (the pipeline, an
    import, the admin, COPY, SQL by hand), adds its rows in its own transaction. Counting a
    million articles cost more than the rest of the overview (30 ms).

    The row is missing on SQLite, which has no such triggers and counts its few rows instead,
    and after a TRUNCATE of this table alone; the next insert or delete writes it again from a
    full count (migration 0004)."""

    total = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.total} articles"
