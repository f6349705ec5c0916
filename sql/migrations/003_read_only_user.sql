-- The user valor-sql, valor-shell and valor-console connect as unless given --write. H2 itself
-- lets it read every table and view, present and future (the grant is on the schema), and
-- refuses it every change, so "read-only" never depends on recognising which SQL writes.
-- The password below is replaced at once by one derived from the store key (Database.setReaderPassword):
-- with the public one, anyone who reached the auto-server could read the store.
CREATE USER IF NOT EXISTS VALOR_READER PASSWORD 'valor-reader';
GRANT SELECT ON SCHEMA PUBLIC TO VALOR_READER;
