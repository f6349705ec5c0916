-- The user valor-sql, valor-shell and valor-console connect as unless given --write. H2 itself
-- lets it read every table and view, present and future (the grant is on the schema), and
-- refuses it every change, so "read-only" never depends on recognising which SQL writes.
-- Its password is not a secret and guards nothing: anyone who can read the file can open it as
-- SA. The user exists to keep a typo from changing synced data, not to keep anyone out.
CREATE USER IF NOT EXISTS VALOR_READER PASSWORD 'valor-reader';
GRANT SELECT ON SCHEMA PUBLIC TO VALOR_READER;

