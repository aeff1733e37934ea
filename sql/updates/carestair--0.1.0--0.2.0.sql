-- carestair 0.1.0 -> 0.2.0.  Every change to src/*.sql after 0.1.0
-- also goes here, as the statements that turn a 0.1.0 installation into
-- the 0.2.0 one (CREATE OR REPLACE FUNCTION, ALTER TABLE, ...; qualified as
-- in src/).  make test checks the result against a fresh install.
\echo Use "ALTER EXTENSION carestair UPDATE TO '0.2.0'" to load this file. \quit
