-- BROKEN: insert_timeout set for a StarRocks 3.3 target (the variable exists from 3.4).
-- args: --create tests/fixtures-good/starrocks-create.all.sql
-- expect: session-variable: insert_timeout needs StarRocks 3.4
CREATE EXTERNAL CATALOG IF NOT EXISTS `smt_hive_hms`
PROPERTIES (
  "type" = "hive",
  "hive.metastore.type" = "hive",
  "hive.metastore.uris" = "thrift://hms:9083"
);

SET insert_timeout = 86400;
