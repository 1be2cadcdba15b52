-- BROKEN: a ClickHouse JDBC catalog for StarRocks 3.2 (ClickHouse needs 3.3.0).
-- args: --version 3.2 --create tests/fixtures-good/starrocks-create.all.sql
-- expect: catalog: a clickhouse JDBC catalog needs StarRocks 3.3
CREATE EXTERNAL CATALOG IF NOT EXISTS `smt_clickhouse_ch_8123`
PROPERTIES (
  "type" = "jdbc",
  "user" = "default",
  "password" = "",
  "jdbc_uri" = "jdbc:clickhouse://ch:8123",
  "driver_url" = "file:///opt/jdbc/clickhouse-jdbc.jar",
  "driver_class" = "com.clickhouse.jdbc.ClickHouseDriver"
);

SET query_timeout = 86400;
