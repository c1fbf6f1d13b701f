# diarybot in a container: slim Python, a non-root user, the data folder on a volume, and a
# health check against the bot's own /health endpoint.
# Building needs Docker Hub (the base image) and PyPI; this project's CI reaches neither a
# registry nor a Docker engine, so CI lints this file with hadolint but never builds it.

FROM python:3.11-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY diarybot ./diarybot
COPY charts ./charts
RUN python -m venv /opt/diarybot \
    && /opt/diarybot/bin/pip install --no-cache-dir .

FROM python:3.11-slim-bookworm
# Fonts: reports use DejaVu Sans (shipped with matplotlib); Noto covers the scripts patients
# type into notes and medication names (Arabic, Devanagari, CJK and more) in charts.
# Not pinned: Debian stable only ships security fixes for these.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-noto-core fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /nonexistent \
        --shell /usr/sbin/nologin diarybot \
    && mkdir -p /data /var/cache/diarybot \
    && chown diarybot:diarybot /data /var/cache/diarybot \
    && chmod 0700 /data
COPY --from=build /opt/diarybot /opt/diarybot
ENV PATH=/opt/diarybot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    MPLCONFIGDIR=/var/cache/diarybot \
    DIARYBOT_DATA_DIR=/data \
    DIARYBOT_HEALTH_PORT=8090 \
    DIARYBOT_HEALTH_LISTEN=127.0.0.1
USER 10001:10001
VOLUME ["/data"]
# The webhook server (only with DIARYBOT_WEBHOOK_URL; set DIARYBOT_WEBHOOK_LISTEN=0.0.0.0).
EXPOSE 8080
# urllib fails on anything but 2xx (503 while stopping) and on a stuck event loop (timeout).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8090/health', timeout=4)"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["diarybot"]
CMD ["run"]
