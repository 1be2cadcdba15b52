-- BROKEN: a JDBC catalog whose password holds an unescaped double quote.
-- args: --create tests/fixtures-good/starrocks-create.all.sql
-- expect: catalog: expected CREATE EXTERNAL CATALOG
CREATE EXTERNAL CATALOG IF NOT EXISTS `smt_clickhouse_ch_8123`
PROPERTIES (
  "type" = "jdbc",
  "user" = "default",
  "password" = "p"w",
  "jdbc_uri" = "jdbc:clickhouse://ch:8123",
  "driver_url" = "https://repo1.maven.org/maven2/com/clickhouse/clickhouse-jdbc/0.4.6/clickhouse-jdbc-0.4.6-all.jar",
  "driver_class" = "com.clickhouse.jdbc.ClickHouseDriver"
);
