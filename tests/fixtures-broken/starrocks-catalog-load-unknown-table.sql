-- BROKEN: a catalog load into a table starrocks-create.all.sql does not create.
-- args: --create tests/fixtures-good/starrocks-create.all.sql
-- expect: load-target: tests/fixtures-good/starrocks-create.all.sql creates no table demo.pageviews
CREATE EXTERNAL CATALOG IF NOT EXISTS `smt_hive_hms`
PROPERTIES (
  "type" = "hive",
  "hive.metastore.type" = "hive",
  "hive.metastore.uris" = "thrift://hms:9083"
);

INSERT INTO `demo`.`pageviews` (`view_date`, `user_id`)
SELECT `view_date`, `user_id`
FROM `smt_hive_hms`.`demo`.`page_views`;
