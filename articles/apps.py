from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self) -> None:
        # The extraction package reads no settings: it is handed SPACY_MODEL and
        # GAZETTEER_CACHE_DIR here, in every process (web, worker, manage.py extract).
        from django.conf import settings

        from extraction import config

        config.configure(
            spacy_model=settings.SPACY_MODEL, gazetteer_cache_dir=settings.GAZETTEER_CACHE_DIR
        )
