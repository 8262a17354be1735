# One image for the web and worker services (docker-compose.yml).
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    GAZETTEER_CACHE_DIR=/app/var/cache
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
COPY --from=assets /app/node_modules ./node_modules
# Static files are collected at build time (manifest + compression) and served by whitenoise;
# the gazetteer index is compiled once here so no container builds it at start-up.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput \
    && SECRET_KEY=build-only python -c "from extraction.gazetteer import get_gazetteer; get_gazetteer()" \
    && useradd --system --home /app tracker && chown -R tracker /app/var
USER tracker
EXPOSE 8000
CMD ["gunicorn", "conflict_tracker.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
