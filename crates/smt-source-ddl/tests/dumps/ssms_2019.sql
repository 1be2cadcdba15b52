USE [master]
GO
/****** Object:  Database [shop db]    Script Date: 11/24/2026 10:02:11 AM ******/
USE [shop db]
GO
/****** Object:  UserDefinedDataType [dbo].[Phone]    Script Date: 11/24/2026 10:02:11 AM ******/
CREATE TYPE [dbo].[Phone] FROM [varchar](20) NULL
GO
/****** Object:  Table [dbo].[all_types]    Script Date: 11/24/2026 10:02:11 AM ******/
SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO
CREATE TABLE [dbo].[all_types](
	[a] [bit] NULL,
	[b] [tinyint] NULL,
	[c] [smallint] NULL,
	[d] [int] NULL,
	[e] [bigint] NULL,
	[f] [money] NULL,
	[g] [smallmoney] NULL,
	[h] [decimal](18, 2) NULL,
	[i] [numeric](38, 0) NULL,
	[j] [real] NULL,
	[k] [float] NULL,
	[l] [date] NULL,
	[m] [time](7) NULL,
	[n] [datetime] NULL,
	[o] [datetime2](7) NULL,
	[p] [datetime2](0) NULL,
	[q] [smalldatetime] NULL,
	[r] [datetimeoffset](7) NULL,
	[s] [char](10) COLLATE SQL_Latin1_General_CP1_CI_AS NULL,
	[t] [varchar](255) COLLATE SQL_Latin1_General_CP1_CI_AS NULL,
	[u] [varchar](max) COLLATE SQL_Latin1_General_CP1_CI_AS NULL,
	[v] [text] COLLATE SQL_Latin1_General_CP1_CI_AS NULL,
	[w] [nchar](10) COLLATE SQL_Latin1_General_CP1_CI_AS NULL,
	[x] [nvarchar](50) COLLATE SQL_Latin1_General_CP1_CI_AS NULL,
	[y] [nvarchar](max) COLLATE SQL_Latin1_General_CP1_CI_AS NULL,
	[z] [ntext] COLLATE SQL_Latin1_General_CP1_CI_AS NULL,
	[ba] [binary](16) NULL,
	[bb] [varbinary](100) NULL,
	[bc] [varbinary](max) NULL,
	[bd] [image] NULL,
	[be] [uniqueidentifier] NULL,
	[bf] [xml] NULL,
	[bg] [sql_variant] NULL,
	[bh] [hierarchyid] NULL,
	[bi] [geography] NULL,
	[bj] [geometry] NULL,
	[bk] [timestamp] NULL,
	[bl] [sysname] COLLATE SQL_Latin1_General_CP1_CI_AS NULL,
	[bm] [dbo].[Phone] COLLATE SQL_Latin1_General_CP1_CI_AS NULL,
	[bn] [varchar](40) COLLATE Latin1_General_100_CI_AS_SC_UTF8 NULL,
	[bo] [char](8) COLLATE Chinese_PRC_CI_AS NULL,
	[bp] [varchar](20) COLLATE Japanese_CI_AS NULL,
	[bq] [nvarchar](10) COLLATE Latin1_General_100_CI_AS_SC_UTF8 NULL,
	[br] [float](53) NULL,
	[bs] [decimal](10, 0) NULL
) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]
GO
/****** Object:  Table [dbo].[orders]    Script Date: 11/24/2026 10:02:11 AM ******/
SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO
CREATE TABLE [dbo].[orders](
	[id] [int] IDENTITY(1,1) NOT NULL,
	[qty] [int] NOT NULL,
	[note] [nvarchar](20) COLLATE SQL_Latin1_General_CP1_CI_AS NULL,
	[created] [datetime2](7) NULL,
	[total]  AS ([qty]*(2)) PERSISTED,
	[half]  AS ([qty]/(2)),
 CONSTRAINT [PK_orders] PRIMARY KEY CLUSTERED 
(
	[id] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON, OPTIMIZE_FOR_SEQUENTIAL_KEY = OFF) ON [PRIMARY]
) ON [PRIMARY]
GO
/****** Object:  Table [sales].[orders]    Script Date: 11/24/2026 10:02:11 AM ******/
CREATE TABLE [sales].[orders](
	[id] [bigint] NOT NULL,
	[flag] [bit] NOT NULL CONSTRAINT [DF_sales_orders_flag] DEFAULT ((1)),
	[label] [varchar](10) COLLATE SQL_Latin1_General_CP1_CI_AS NULL DEFAULT ('x'),
	[uid] [uniqueidentifier] ROWGUIDCOL  NOT NULL,
	[amount] [money] NULL,
 CONSTRAINT [PK_sales_orders] PRIMARY KEY NONCLUSTERED 
(
	[id] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON, OPTIMIZE_FOR_SEQUENTIAL_KEY = OFF) ON [PRIMARY]
) ON [PRIMARY]
GO
/****** Object:  Table [dbo].[k]    Script Date: 11/24/2026 10:02:11 AM ******/
CREATE TABLE [dbo].[k](
	[a] [int] NOT NULL,
	[b] [int] NOT NULL,
	[c] [int] NOT NULL,
	[d] [int] NULL,
	[e] [int] NULL,
	[f] [int] NULL,
	[g] [int] NULL,
 CONSTRAINT [pk_k] PRIMARY KEY CLUSTERED 
(
	[b] ASC,
	[a] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON, OPTIMIZE_FOR_SEQUENTIAL_KEY = OFF) ON [PRIMARY],
 CONSTRAINT [uq_c] UNIQUE NONCLUSTERED 
(
	[c] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON, OPTIMIZE_FOR_SEQUENTIAL_KEY = OFF) ON [PRIMARY],
 CONSTRAINT [uq_d] UNIQUE NONCLUSTERED 
(
	[d] DESC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON, OPTIMIZE_FOR_SEQUENTIAL_KEY = OFF) ON [PRIMARY]
) ON [PRIMARY]
GO
/****** Object:  Table [we"ird]] sch].[tab'le [x]] ü名]    Script Date: 11/24/2026 10:02:11 AM ******/
CREATE TABLE [we"ird]] sch].[tab'le [x]] ü名](
	[id] [bigint] NOT NULL,
	[col]]"umn ü] [int] NULL
) ON [PRIMARY]
GO
CREATE TABLE [dbo].[orders_1](
	[id] [bigint] NOT NULL
) ON [PRIMARY]
GO
CREATE TABLE [dbo].[orders_2](
	[id] [bigint] NOT NULL
) ON [PRIMARY]
GO
CREATE TABLE [dbo].[orders_3](
	[id] [bigint] NOT NULL
) ON [PRIMARY]
GO
SET ANSI_PADDING ON
GO
/****** Object:  Index [ux_e]    Script Date: 11/24/2026 10:02:11 AM ******/
CREATE UNIQUE NONCLUSTERED INDEX [ux_e] ON [dbo].[k]
(
	[e] ASC
)
INCLUDE([f]) WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON, OPTIMIZE_FOR_SEQUENTIAL_KEY = OFF) ON [PRIMARY]
GO
/****** Object:  Index [ux_f]    Script Date: 11/24/2026 10:02:11 AM ******/
CREATE UNIQUE NONCLUSTERED INDEX [ux_f] ON [dbo].[k]
(
	[f] ASC
)
WHERE ([f] IS NOT NULL)
WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON, OPTIMIZE_FOR_SEQUENTIAL_KEY = OFF) ON [PRIMARY]
GO
CREATE UNIQUE NONCLUSTERED INDEX [ux_off] ON [dbo].[k]
(
	[g] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON, OPTIMIZE_FOR_SEQUENTIAL_KEY = OFF) ON [PRIMARY]
GO
ALTER INDEX [ux_off] ON [dbo].[k] DISABLE
GO
CREATE NONCLUSTERED INDEX [ix_g] ON [dbo].[k]
(
	[g] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON, OPTIMIZE_FOR_SEQUENTIAL_KEY = OFF) ON [PRIMARY]
GO
ALTER TABLE [dbo].[orders] ADD  CONSTRAINT [df_qty]  DEFAULT ((0)) FOR [qty]
GO
ALTER TABLE [dbo].[orders] ADD  DEFAULT (N'a''b') FOR [note]
GO
ALTER TABLE [dbo].[orders] ADD  DEFAULT (sysdatetime()) FOR [created]
GO
ALTER TABLE [dbo].[k]  WITH CHECK ADD  CONSTRAINT [FK_k_orders] FOREIGN KEY([g])
REFERENCES [dbo].[orders] ([id])
ON DELETE SET NULL
GO
ALTER TABLE [dbo].[k] CHECK CONSTRAINT [FK_k_orders]
GO
ALTER TABLE [dbo].[k]  WITH CHECK ADD  CONSTRAINT [CK_k_a] CHECK  (([a]>(0)))
GO
EXEC sys.sp_addextendedproperty @name=N'MS_Description', @value=N'row id' , @level0type=N'SCHEMA',@level0name=N'dbo', @level1type=N'TABLE',@level1name=N'orders', @level2type=N'COLUMN',@level2name=N'id'
GO
EXEC sys.sp_addextendedproperty @name=N'MS_Description', @value=N'the orders' , @level0type=N'SCHEMA',@level0name=N'dbo', @level1type=N'TABLE',@level1name=N'orders'
GO
EXEC sys.sp_addextendedproperty @name=N'MS_Description', @value=N'it''s sales' , @level0type=N'SCHEMA',@level0name=N'sales', @level1type=N'TABLE',@level1name=N'orders'
GO
EXEC sys.sp_addextendedproperty N'MS_Description', N'Ü column', N'SCHEMA', N'we"ird] sch', N'TABLE', N'tab''le [x] ü名', N'COLUMN', N'col]"umn ü'
GO
CREATE TABLE [dbo].[broken](
	[id] [int NOT NULL
) ON [PRIMARY]
GO
CREATE VIEW [dbo].[v_orders] AS
SELECT [id] FROM [dbo].[orders]; SELECT 1
GO
