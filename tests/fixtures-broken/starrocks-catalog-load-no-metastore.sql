-- BROKEN: a Hive catalog whose metastore address is not a thrift:// URI.
-- args: --create tests/fixtures-good/starrocks-create.all.sql
-- expect: catalog: a hive catalog needs "hive.metastore.uris"
CREATE EXTERNAL CATALOG IF NOT EXISTS `smt_hive_hms`
PROPERTIES (
  "type" = "hive",
  "hive.metastore.uris" = "hms:9083"
);

INSERT INTO `shop`.`public__price_history` (`sku`, `valid_from`, `price`)
SELECT `sku`, `valid_from`, `price`
FROM `smt_hive_hms`.`shop`.`price_history`;
