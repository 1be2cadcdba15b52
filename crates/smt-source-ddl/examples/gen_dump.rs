//! Write a deterministic, mysqldump-style schema dump for benchmarks.
//!
//! `cargo run --release -p smt-source-ddl --example gen_dump -- [TABLES] [ROWS_PER_TABLE] > big.sql`
//!
//! Defaults: 10,000 tables of 16 columns each, no data. With `ROWS_PER_TABLE` > 0 each table is
//! followed by `LOCK TABLES`/`INSERT` statements holding that many rows, with strings that
//! contain `;`, quotes and newlines (the reader must skip them without parsing).

use std::io::{self, BufWriter, Write};

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let tables: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let rows: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    write_dump(&mut out, tables, rows)?;
    out.flush()
}

fn write_dump(out: &mut impl Write, tables: usize, rows: usize) -> io::Result<()> {
    writeln!(
        out,
        "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)"
    )?;
    writeln!(out, "--")?;
    writeln!(out, "-- Host: 127.0.0.1    Database: bench")?;
    writeln!(
        out,
        "-- ------------------------------------------------------"
    )?;
    writeln!(out, "-- Server version\t8.0.36\n")?;
    writeln!(
        out,
        "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;"
    )?;
    writeln!(out, "/*!50503 SET NAMES utf8mb4 */;")?;
    writeln!(out, "/*!40103 SET TIME_ZONE='+00:00' */;\n")?;
    writeln!(
        out,
        "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `bench` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci */ /*!80016 DEFAULT ENCRYPTION='N' */;\n"
    )?;
    writeln!(out, "USE `bench`;\n")?;
    for t in 0..tables {
        let name = format!("t_{t:05}");
        writeln!(out, "--\n-- Table structure for table `{name}`\n--\n")?;
        writeln!(out, "DROP TABLE IF EXISTS `{name}`;")?;
        writeln!(
            out,
            "/*!40101 SET @saved_cs_client     = @@character_set_client */;"
        )?;
        writeln!(out, "/*!50503 SET character_set_client = utf8mb4 */;")?;
        writeln!(out, "CREATE TABLE `{name}` (")?;
        writeln!(out, "  `id` bigint unsigned NOT NULL AUTO_INCREMENT,")?;
        writeln!(out, "  `tenant_id` int NOT NULL,")?;
        writeln!(out, "  `code` varchar(64) NOT NULL,")?;
        writeln!(
            out,
            "  `name` varchar(255) DEFAULT NULL COMMENT 'display name',"
        )?;
        writeln!(
            out,
            "  `status` enum('new','active','it''s gone') NOT NULL DEFAULT 'new',"
        )?;
        writeln!(out, "  `flag` tinyint(1) NOT NULL DEFAULT '0',")?;
        writeln!(out, "  `price` decimal(12,2) NOT NULL DEFAULT '0.00',")?;
        writeln!(out, "  `ratio` double DEFAULT NULL,")?;
        writeln!(out, "  `qty` mediumint unsigned DEFAULT '1',")?;
        writeln!(out, "  `notes` text,")?;
        writeln!(out, "  `attrs` json DEFAULT NULL,")?;
        writeln!(
            out,
            "  `sku` char(12) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT NULL,"
        )?;
        writeln!(out, "  `born` date DEFAULT NULL,")?;
        writeln!(
            out,
            "  `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),"
        )?;
        writeln!(
            out,
            "  `updated_at` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,"
        )?;
        writeln!(out, "  `payload` blob,")?;
        writeln!(out, "  PRIMARY KEY (`id`),")?;
        writeln!(out, "  UNIQUE KEY `uk_tenant_code` (`tenant_id`,`code`),")?;
        writeln!(out, "  KEY `idx_created` (`created_at`)")?;
        let partition = if t % 10 == 0 {
            "\n/*!50100 PARTITION BY HASH (`id`)\nPARTITIONS 4 */"
        } else {
            ""
        };
        writeln!(
            out,
            ") ENGINE=InnoDB AUTO_INCREMENT={} DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='table {t}; generated'{partition};",
            t + 1
        )?;
        writeln!(
            out,
            "/*!40101 SET character_set_client = @saved_cs_client */;\n"
        )?;
        if rows > 0 {
            writeln!(out, "LOCK TABLES `{name}` WRITE;")?;
            writeln!(out, "/*!40000 ALTER TABLE `{name}` DISABLE KEYS */;")?;
            write!(out, "INSERT INTO `{name}` VALUES ")?;
            for r in 0..rows {
                if r > 0 {
                    write!(out, ",")?;
                }
                write!(
                    out,
                    "({r},{t},'c{r}','it\\'s; row {r} -- \\\"x\\\" /* y */','active',1,{r}.50,0.5,{r},'line1\\nline2; ''q''','{{\\\"k\\\": \\\"v;\\\"}}','SKU{r:09}','2024-01-01','2024-01-01 00:00:00.000000','2024-01-01 00:00:00',_binary 'a;b')"
                )?;
            }
            writeln!(out, ";")?;
            writeln!(out, "/*!40000 ALTER TABLE `{name}` ENABLE KEYS */;")?;
            writeln!(out, "UNLOCK TABLES;\n")?;
        }
    }
    writeln!(out, "/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;\n")?;
    writeln!(out, "-- Dump completed on 2024-05-01 10:00:00")?;
    Ok(())
}
