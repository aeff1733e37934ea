-- Create the extension once for the whole pg_regress run.
CREATE EXTENSION carestair CASCADE;
SELECT extname, extversion FROM pg_extension WHERE extname IN ('carestair', 'postgis') ORDER BY extname;
SELECT n.nspname FROM pg_namespace AS n WHERE n.nspname = 'carestair';
