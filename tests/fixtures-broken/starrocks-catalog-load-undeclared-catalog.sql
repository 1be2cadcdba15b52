-- BROKEN: the INSERT reads a catalog the file does not create (hive_catalog vs smt_hive_hms).
-- args: --create tests/fixtures-good/starrocks-create.all.sql
-- expect: load-source: the SELECT reads catalog `hive_catalog`, which this file does not create
CREATE EXTERNAL CATALOG IF NOT EXISTS `smt_hive_hms`
PROPERTIES (
  "type" = "hive",
  "hive.metastore.type" = "hive",
  "hive.metastore.uris" = "thrift://hms:9083"
);

INSERT INTO `shop`.`public__price_history` (`sku`, `valid_from`, `price`)
SELECT `sku`, `valid_from`, `price`
FROM `hive_catalog`.`shop`.`price_history`;
