-- Good: Hive full load through a StarRocks Hive catalog (every rule, run after starrocks-create.all.sql);
-- a partitioned table with complex types, a converted column cast, an aggregate table.
--   mysql -h <fe-host> -P 9030 -u <user> -p < starrocks-catalog-load.all.sql

CREATE EXTERNAL CATALOG IF NOT EXISTS `smt_hive_hms1_example_com`
PROPERTIES (
  "type" = "hive",
  "hive.metastore.type" = "hive",
  "hive.metastore.uris" = "thrift://hms1.example.com:9083,thrift://hms2.example.com:9083"
);

SET query_timeout = 86400;

SET enable_insert_strict = true;

INSERT INTO `demo`.`page_views` (`view_date`, `user_id`, `url`, `duration_ms`, `score`, `attrs`, `tags`, `props`, `geo`)
SELECT `view_date`, `user_id`, `url`, `duration_ms`, `score`, CAST(`attrs` AS JSON) AS `attrs`, `tags`, `props`, `geo`
FROM `smt_hive_hms1_example_com`.`demo`.`page_views`;

INSERT INTO `demo`.`daily_sales` (`day`, `shop_id`, `revenue`, `orders`, `last_order`, `max_item`)
SELECT `day`, `shop_id`, `revenue`, `orders`, `last_order`, `max_item`
FROM `smt_hive_hms1_example_com`.`demo`.`daily_sales`;

INSERT INTO `demo`.`order_items` (`order_id`, `line_no`, `sku`, `qty`, `shipped_on`, `big`, `ratio`)
SELECT `order_id`, `line_no`, `sku`, `qty`, `shipped_on`, CAST(`big` AS LARGEINT) AS `big`, `ratio`
FROM `smt_hive_hms1_example_com`.`demo`.`order_items`;
