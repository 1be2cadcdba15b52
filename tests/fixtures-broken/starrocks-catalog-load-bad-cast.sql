-- BROKEN: a conversion cast to a type StarRocks does not have (VARCHAR2).
-- args: --create tests/fixtures-good/starrocks-create.all.sql
-- expect: column-type: CAST to TIMESTAMP: not a StarRocks type name
CREATE EXTERNAL CATALOG IF NOT EXISTS `smt_hive_hms`
PROPERTIES (
  "type" = "hive",
  "hive.metastore.type" = "hive",
  "hive.metastore.uris" = "thrift://hms:9083"
);

INSERT INTO `shop`.`public__price_history` (`sku`, `valid_from`, `price`)
SELECT CAST(`sku` AS TIMESTAMP) AS `sku`, `valid_from`, `price`
FROM `smt_hive_hms`.`shop`.`price_history`;
