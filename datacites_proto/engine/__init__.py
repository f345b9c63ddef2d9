"""The embedded DuckDB database: loading files into typed tables, and querying them."""
