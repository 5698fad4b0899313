# A local PostgreSQL image for checking compose.yaml offline (see ../make-standin-images.sh and
# ../compose.standin.yaml). Debian 12 packages PostgreSQL 15, so it is tagged pandu-standin/postgres:15,
# not postgres:16. Its entrypoint honours the official image's POSTGRES_DB, POSTGRES_USER,
# POSTGRES_PASSWORD and PGDATA=/var/lib/postgresql/data, which is all compose.yaml uses.
FROM debian-local:bookworm
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /var/lib/postgresql/data /var/run/postgresql \
    && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql \
    && chmod 700 /var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint.sh
ENV PATH=/usr/lib/postgresql/15/bin:$PATH \
    PGDATA=/var/lib/postgresql/data \
    LANG=C.UTF-8
USER postgres
VOLUME /var/lib/postgresql/data
EXPOSE 5432
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]
CMD ["postgres"]
