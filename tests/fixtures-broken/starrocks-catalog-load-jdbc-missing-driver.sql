-- BROKEN: a JDBC catalog without driver_url and driver_class.
-- args: --create tests/fixtures-good/starrocks-create.all.sql
-- expect: catalog: a jdbc catalog needs "driver_url", "driver_class"
CREATE EXTERNAL CATALOG IF NOT EXISTS `smt_clickhouse_ch_8123`
PROPERTIES (
  "type" = "jdbc",
  "user" = "default",
  "password" = "",
  "jdbc_uri" = "jdbc:clickhouse://ch:8123"
);
