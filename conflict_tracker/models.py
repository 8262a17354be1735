from django.db import models


class ThrottleCacheEntry(models.Model):
    """The table of the "throttle" cache (Django's DatabaseCache) when CACHE_URL is unset.

    Declared as a model so that `migrate` creates it like every other table; only the cache
    backend reads and writes it, with the same columns `createcachetable` would make.
    """

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "throttle_cache"
        verbose_name_plural = "throttle cache entries"

    def __str__(self) -> str:
        return self.cache_key
