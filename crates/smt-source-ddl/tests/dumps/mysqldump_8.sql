-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: 127.0.0.1    Database: app
-- ------------------------------------------------------
-- Server version	8.0.36

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!50503 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

--
-- Current Database: `app`
--

CREATE DATABASE /*!32312 IF NOT EXISTS*/ `app` /*!40100 DEFAULT CHARACTER SET latin1 COLLATE latin1_swedish_ci */ /*!80016 DEFAULT ENCRYPTION='N' */;

USE `app`;

--
-- Table structure for table `users`
--

DROP TABLE IF EXISTS `users`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `users` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT COMMENT 'user id',
  `email` varchar(191) COLLATE utf8mb4_unicode_ci NOT NULL,
  `name` varchar(100) DEFAULT 'it''s; \'quoted\'',
  `active` tinyint(1) NOT NULL DEFAULT '1',
  `balance` decimal(12,2) unsigned NOT NULL DEFAULT '0.00',
  `zip` int(5) unsigned zerofill DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  `updated_at` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  `prefs` json DEFAULT NULL,
  `role` enum('admin','user','it''s') NOT NULL DEFAULT 'user',
  `flags` set('a','b') DEFAULT '',
  `legacy` char(2) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT NULL,
  `uid` char(36) DEFAULT (uuid()),
  `bits` bit(3) DEFAULT b'101',
  `full_name` varchar(201) GENERATED ALWAYS AS (concat(`name`,_utf8mb4' ',`email`)) VIRTUAL,
  `loc` point NOT NULL /*!80003 SRID 4326 */,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_email` (`email`),
  UNIQUE KEY `uk_name_prefix` (`name`(20),`active`),
  KEY `idx_created` (`created_at`),
  SPATIAL KEY `sp_loc` (`loc`),
  CONSTRAINT `fk_x` FOREIGN KEY (`id`) REFERENCES `other` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='registered users; ''all'' of them';
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `users`
--

LOCK TABLES `users` WRITE;
/*!40000 ALTER TABLE `users` DISABLE KEYS */;
INSERT INTO `users` VALUES (1,'a@b.c','x; DROP TABLE users; --',1,0.00,NULL,'2024-01-01 00:00:00.000000',NULL,'{\"a\": \"b;c\"}','user','',NULL,NULL,NULL,_binary 'a\'b;',0x00),(2,'it\'s@x.y','/* not a comment */ ;','1',1.00,00001,'2024-01-01 00:00:00.000000',NULL,NULL,'admin','a,b',NULL,NULL,NULL,NULL,NULL);
INSERT INTO `users` VALUES (3,'q\\','multi
line; value',0,0.00,NULL,'2024-01-01 00:00:00.000000',NULL,NULL,'user','',NULL,NULL,NULL,NULL,NULL);
/*!40000 ALTER TABLE `users` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `events`
--

DROP TABLE IF EXISTS `events`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `events` (
  `ts` datetime NOT NULL,
  `kind` varchar(20) NOT NULL,
  `payload` mediumtext,
  `blob_data` longblob,
  `year_col` year DEFAULT NULL,
  `t3` time(3) DEFAULT '00:00:00.000',
  `f` float DEFAULT NULL,
  `d` double DEFAULT '1.5',
  `note` tinytext COMMENT 'a \"quoted\" note'
) ENGINE=InnoDB DEFAULT CHARSET=latin1
/*!50100 PARTITION BY RANGE (year(`ts`))
(PARTITION p2023 VALUES LESS THAN (2024) ENGINE = InnoDB,
 PARTITION pmax VALUES LESS THAN MAXVALUE ENGINE = InnoDB) */;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `codes`
--

DROP TABLE IF EXISTS `codes`;
CREATE TABLE `codes` (
  `code` varchar(32) NOT NULL,
  `region` char(2) NOT NULL,
  `value` int DEFAULT NULL,
  UNIQUE KEY `uk_code` (`code`,`region`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci ROW_FORMAT=COMPRESSED COMPRESSION='zlib';

--
-- Temporary view structure for view `v_users`
--

DROP TABLE IF EXISTS `v_users`;
/*!50001 DROP VIEW IF EXISTS `v_users`*/;
SET @saved_cs_client     = @@character_set_client;
/*!50503 SET character_set_client = utf8mb4 */;
/*!50001 CREATE VIEW `v_users` AS SELECT 
 1 AS `id`*/;
SET character_set_client = @saved_cs_client;

--
-- This statement does not parse (a stray fragment):
--

CREATE TABLE `broken` (
  `a` int NOT NULL,
  `b` varchar(10) NOT NULL NOT NULL DEFAULT,
) ENGINE=InnoDB;

CREATE TABLE `after_broken` (`k` int NOT NULL PRIMARY KEY, `v` varchar(5) UNIQUE) ENGINE=InnoDB;

--
-- Dumping routines for database 'app'
--
/*!50003 DROP PROCEDURE IF EXISTS `p1` */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
DELIMITER ;;
CREATE DEFINER=`root`@`localhost` PROCEDURE `p1`()
BEGIN
  SELECT 'a;b';
  INSERT INTO users(name) VALUES ('x');
END ;;
DELIMITER ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `trg` BEFORE INSERT ON `users` FOR EACH ROW SET NEW.name = CONCAT(NEW.name, ';') */;;
DELIMITER ;

--
-- Final view structure for view `v_users`
--

/*!50001 DROP VIEW IF EXISTS `v_users`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 CREATE ALGORITHM=UNDEFINED */
/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */
/*!50001 VIEW `v_users` AS select `users`.`id` AS `id` from `users` */;
/*!50001 SET character_set_client      = @saved_cs_client */;

--
-- Current Database: `legacy`
--

CREATE DATABASE /*!32312 IF NOT EXISTS*/ `legacy` /*!40100 DEFAULT CHARACTER SET latin1 */;

USE `legacy`;

CREATE TABLE `old` (
  `id` int(11) NOT NULL,
  `name` varchar(50) DEFAULT NULL,
  `serial_no` serial,
  PRIMARY KEY (`id`)
) ENGINE=MyISAM;

/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;

-- Dump completed on 2024-05-01 10:00:00
