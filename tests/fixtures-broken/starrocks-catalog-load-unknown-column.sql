-- BROKEN: a catalog load naming a column the target table does not have (event_kind).
-- args: --create tests/fixtures-good/starrocks-create.all.sql
-- expect: load-columns: column `event_kind` is not a column of demo.page_views
CREATE EXTERNAL CATALOG IF NOT EXISTS `smt_hive_hms`
PROPERTIES (
  "type" = "hive",
  "hive.metastore.type" = "hive",
  "hive.metastore.uris" = "thrift://hms:9083"
);

INSERT INTO `demo`.`page_views` (`view_date`, `user_id`, `event_kind`)
SELECT `view_date`, `user_id`, `event_kind`
FROM `smt_hive_hms`.`demo`.`page_views`;
