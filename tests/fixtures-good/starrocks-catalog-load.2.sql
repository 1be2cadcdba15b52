-- Good: ClickHouse full load through a StarRocks JDBC catalog (StarRocks 3.3.0+); a merged shard
-- group: one SELECT per shard joined by UNION ALL, the shard's names as constants; odd names.
--   mysql -h <fe-host> -P 9030 -u <user> -p < starrocks-catalog-load.2.sql

CREATE EXTERNAL CATALOG IF NOT EXISTS `smt_clickhouse_ch_example_com_8123`
PROPERTIES (
  "type" = "jdbc",
  "user" = "default",
  "password" = "p\"w'\\x",
  "jdbc_uri" = "jdbc:clickhouse://ch.example.com:8123",
  "driver_url" = "https://repo1.maven.org/maven2/com/clickhouse/clickhouse-jdbc/0.4.6/clickhouse-jdbc-0.4.6-all.jar",
  "driver_class" = "com.clickhouse.jdbc.ClickHouseDriver"
);

SET query_timeout = 86400;

SET enable_insert_strict = true;

-- merged target of 2 source tables: one SELECT per source table
INSERT INTO `shop`.`public__customers` (`id`, `email`, `balance`, `created_at`, `updated_at`, `profile`, `ratings`, `schema_name`)
SELECT CAST(`id` AS INT) AS `id`, `email`, `balance`, `created_at`, `updated_at`, `profile`, `ratings`, 'shop_0' AS `schema_name`
FROM `smt_clickhouse_ch_example_com_8123`.`shop_0`.`customers`
UNION ALL
SELECT CAST(`id` AS INT) AS `id`, `email`, `balance`, `created_at`, `updated_at`, `profile`, `ratings`, 'it\'s ``odd``' AS `schema_name`
FROM `smt_clickhouse_ch_example_com_8123`.`shop 1``x`.`customers ü`;

INSERT INTO `shop`.`public__price_history` (`sku`, `valid_from`, `price`)
SELECT `sku`, `valid_from`, `price`
FROM `smt_clickhouse_ch_example_com_8123`.`shop_0`.`price_history`;
