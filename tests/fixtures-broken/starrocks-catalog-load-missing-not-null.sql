-- BROKEN: a catalog load leaving out a NOT NULL column without default (order_date).
-- args: --create tests/fixtures-good/starrocks-create.all.sql
-- expect: load-columns: NOT NULL column `order_date` (no default) is not loaded
CREATE EXTERNAL CATALOG IF NOT EXISTS `smt_hive_hms`
PROPERTIES (
  "type" = "hive",
  "hive.metastore.type" = "hive",
  "hive.metastore.uris" = "thrift://hms:9083"
);

INSERT INTO `demo`.`orders` (`order_id`, `customer_name`, `_db`, `_table`, `_op_ts`)
SELECT `order_id`, `customer_name`, 'demo' AS `_db`, 'orders' AS `_table`, `_op_ts`
FROM `smt_hive_hms`.`demo`.`orders`;
