#!/bin/sh
# Runs once when the PostgreSQL volume is created. The migration role (the database owner) creates
# the tables; the API connects as caseroom_app, which may read and write the working tables but only
# read and append to the append-only records (the migrations revoke the rest from it).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<EOSQL
CREATE ROLE caseroom_app LOGIN PASSWORD '${APP_DB_PASSWORD}';
GRANT CONNECT ON DATABASE ${POSTGRES_DB} TO caseroom_app;
GRANT USAGE ON SCHEMA public TO caseroom_app;
ALTER DEFAULT PRIVILEGES FOR ROLE ${POSTGRES_USER} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO caseroom_app;
ALTER DEFAULT PRIVILEGES FOR ROLE ${POSTGRES_USER} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO caseroom_app;
EOSQL
