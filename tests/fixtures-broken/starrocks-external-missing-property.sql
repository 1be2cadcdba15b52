-- BROKEN: a MySQL external table without "password" and "table".
-- expect: external-table: ENGINE=mysql needs the properties password, table
CREATE DATABASE IF NOT EXISTS `mysql_external_demo`;

CREATE EXTERNAL TABLE `mysql_external_demo`.`orders` (
  `order_id` BIGINT NOT NULL  COMMENT ""
) ENGINE=mysql
COMMENT ""
PROPERTIES (
  "host" = "127.0.0.1",
  "port" = "3306",
  "user" = "root",
  "database" = "demo"
);
