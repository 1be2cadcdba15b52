// FlinkCheck.java - prove generated Flink SQL files with the real Flink 1.20.3 planner, in-process,
// without connector jars and without running any job.  README.md beside this file has the details.
//
//   java -cp "<flink lib>/*:<classes>" FlinkCheck [--strict] [--verbose] FILE.sql [FILE.sql ...]
//
// For each file (each in a fresh TableEnvironment; batch mode when the file sets
// 'execution.runtime-mode' = 'batch', streaming otherwise):
//   1. the file is split into statements (a ';' at the end of a line ends a statement; quotes, `--`
//      and /* */ comments are respected; EXECUTE STATEMENT SET BEGIN ... END; and the SQL-client form
//      BEGIN STATEMENT SET; ... END; are one statement holding several INSERTs);
//   2. a text pass flags type parameters Flink would silently clamp or accept: DECIMAL precision
//      outside 1..38 or scale > precision, TIME/TIMESTAMP/TIMESTAMP_LTZ precision > 9, and
//      CHAR/VARCHAR/BINARY/VARBINARY of length 0;
//   3. SET/RESET change the table config (the value of a known Flink option must parse); CREATE
//      DATABASE / TABLE / VIEW / FUNCTION, USE, ... are executed as written (a table created twice
//      with different definitions is reported); CREATE CATALOG of a type whose jars are absent
//      (e.g. 'hive') is replaced by an in-memory catalog of the same name, whose tables read by an
//      INSERT are created from the columns of that INSERT's sink;
//   4. every CREATE TABLE is checked against what the real connector would demand (required
//      options of mysql-cdc, postgres-cdc, oracle-cdc, sqlserver-cdc, tidb-cdc, jdbc and starrocks;
//      metadata keys and types of the CDC sources; a chunk key for key-less mysql-cdc tables;
//      'scan.startup.mode' = 'snapshot' for CDC sources of a batch file), then its connector is
//      swapped: CDC / jdbc sources become a bounded 'datagen' (one row; METADATA columns become
//      physical columns of the same type, so positions and types stay), 'starrocks' sinks become
//      'blackhole';
//   5. every INSERT and STATEMENT SET is planned (StatementSet.explain(), never executed), so Flink
//      itself checks column counts and type compatibility between query and sink.  With --strict,
//      each query column must also have the sink column's name and type (nullability ignored).
//
// Output: "ok FILE (N statements, M inserts planned)" per good file; per problem
// "FILE: statement N (line L): <first line of statement>: <message>".  Exit code 0 = all files
// passed, 1 = at least one problem, 2 = usage or I/O error.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogManager;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ContextResolvedTable;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.operations.ModifyOperation;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.QueryOperation;
import org.apache.flink.table.operations.SinkModifyOperation;
import org.apache.flink.table.operations.UseDatabaseOperation;
import org.apache.flink.table.operations.ddl.CreateCatalogOperation;
import org.apache.flink.table.operations.ddl.CreateTableOperation;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeCasts;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;

public final class FlinkCheck {

  // ------------------------------------------------------------------------------------------
  // Statement splitting
  // ------------------------------------------------------------------------------------------

  /** One statement: [start, end) in the file text, 1-based first line, INSERTs of a statement set. */
  static final class Stmt {
    final int start, end, line;
    final List<Stmt> inner = new ArrayList<>();
    boolean isSet;
    String error;                                   // structural problem found while splitting

    Stmt(int start, int end, int line) { this.start = start; this.end = end; this.line = line; }
  }

  /**
   * Blank out comments and the inside of quoted strings / identifiers (newlines are kept), so that
   * regexes over the result only see SQL structure.  Quotes: '...', "...", `...` (doubled = escape).
   */
  static char[] mask(String s) { return mask(s, true); }

  /** Like mask(s) but, with blankStrings=false, only comments are blanked. */
  static char[] mask(String s, boolean blankStrings) {
    char[] m = s.toCharArray();
    int n = m.length;
    for (int i = 0; i < n; i++) {
      char c = m[i];
      char nx = i + 1 < n ? m[i + 1] : 0;
      if (c == '-' && nx == '-') {
        while (i < n && m[i] != '\n') m[i++] = ' ';
      } else if (c == '/' && nx == '*') {
        int e = s.indexOf("*/", i + 2);
        e = e < 0 ? n : e + 2;
        for (; i < e; i++) if (m[i] != '\n') m[i] = ' ';
        i--;
      } else if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (j < n) {
          if (s.charAt(j) == c) {
            if (j + 1 < n && s.charAt(j + 1) == c) {
              if (blankStrings) { m[j] = ' '; m[j + 1] = ' '; }
              j += 2;
              continue;
            }
            break;
          }
          if (blankStrings && m[j] != '\n') m[j] = ' ';
          j++;
        }
        i = j;                                     // closing quote kept (or end of text)
      }
    }
    return m;
  }

  static int lineAt(String s, int pos, int[] lineStarts) {
    int lo = 0, hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= pos) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  }

  static int[] lineStarts(String s) {
    List<Integer> l = new ArrayList<>();
    l.add(0);
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\n') l.add(i + 1);
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Split masked text [from, to) into statements.  With anySemicolon=false only a ';' followed by
   * blanks up to the end of the line ends a statement (what the SQL client does); with true every
   * ';' does (used inside a statement set body).  Returns pieces trimmed of blanks.
   */
  static List<int[]> splitRanges(char[] m, int from, int to, boolean anySemicolon) {
    List<int[]> out = new ArrayList<>();
    int st = -1;
    for (int i = from; i < to; i++) {
      char c = m[i];
      if (c == ';') {
        boolean end = anySemicolon;
        if (!end) {
          int j = i + 1;
          while (j < to && (m[j] == ' ' || m[j] == '\t' || m[j] == '\r')) j++;
          end = j >= to || m[j] == '\n';
        }
        if (end) {
          if (st >= 0) out.add(new int[] {st, i, 1});
          st = -1;
          continue;
        }
      }
      if (st < 0 && !Character.isWhitespace(c)) st = i;
    }
    if (st >= 0) out.add(new int[] {st, trimEnd(m, st, to), 0});  // 0 = not terminated by ';'
    return out;
  }

  static int trimEnd(char[] m, int st, int end) {
    while (end > st && Character.isWhitespace(m[end - 1])) end--;
    return end;
  }

  static String masked(char[] m, int a, int b) { return new String(m, a, b - a).trim(); }

  static final Pattern EXEC_SET = Pattern.compile("(?is)^EXECUTE\\s+STATEMENT\\s+SET\\s+BEGIN\\b");
  static final Pattern BEGIN_SET = Pattern.compile("(?is)^BEGIN\\s+STATEMENT\\s+SET$");
  static final Pattern END_WORD = Pattern.compile("(?is)\\bEND$");

  static List<Stmt> split(String src, char[] m, int[] ls) {
    List<int[]> pieces = splitRanges(m, 0, m.length, false);
    List<Stmt> out = new ArrayList<>();
    for (int p = 0; p < pieces.size(); p++) {
      int[] r = pieces.get(p);
      String mt = masked(m, r[0], r[1]);
      Matcher ex = EXEC_SET.matcher(mt);
      boolean exec = ex.find(), begin = BEGIN_SET.matcher(mt).matches();
      if (!exec && !begin) {
        Stmt s = new Stmt(r[0], r[1], lineAt(src, r[0], ls));
        if (r[2] == 0) s.error = "the statement is not terminated by ';' at the end of a line";
        out.add(s);
        continue;
      }
      // statement set: body starts after BEGIN (or after "BEGIN STATEMENT SET;"), ends before END
      int bodyStart = exec ? r[0] + indexAfterBegin(m, r[0], r[1]) : r[1] + 1;
      int endPiece = -1, q = p;
      if (exec && END_WORD.matcher(mt).find() && mt.length() > ex.end()) endPiece = p;  // one-line form
      while (endPiece < 0 && ++q < pieces.size()) {
        int[] rq = pieces.get(q);
        String mq = masked(m, rq[0], rq[1]);
        if (mq.equalsIgnoreCase("END")) endPiece = q;
        else if (END_WORD.matcher(mq).find() && !EXEC_SET.matcher(mq).find()) {
          // "INSERT ...; END" written on one line: the END belongs to the last piece
          endPiece = q;
        }
      }
      Stmt s;
      if (endPiece < 0) {
        s = new Stmt(r[0], pieces.get(pieces.size() - 1)[1], lineAt(src, r[0], ls));
        s.error = "STATEMENT SET without END";
        p = pieces.size();
      } else {
        int[] re = pieces.get(endPiece);
        Matcher em = END_WORD.matcher(new String(m, re[0], re[1] - re[0]).stripTrailing());
        em.find();
        int bodyEnd = re[0] + em.start();
        s = new Stmt(r[0], re[1], lineAt(src, r[0], ls));
        if (re[2] == 0) s.error = "the statement is not terminated by ';' at the end of a line";
        for (int[] in : splitRanges(m, bodyStart, Math.max(bodyStart, bodyEnd), true))
          s.inner.add(new Stmt(in[0], in[1], lineAt(src, in[0], ls)));
        p = endPiece;
      }
      s.isSet = true;
      out.add(s);
    }
    return out;
  }

  static int indexAfterBegin(char[] m, int a, int b) {
    Matcher x = EXEC_SET.matcher(new String(m, a, b - a));
    x.find();
    return x.end();
  }

  // ------------------------------------------------------------------------------------------
  // Text checks on type parameters (Flink clamps or accepts these silently)
  // ------------------------------------------------------------------------------------------

  static final Pattern DECIMAL_T = Pattern.compile(
      "(?i)\\b(DECIMAL|DEC|NUMERIC)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");
  static final Pattern TIME_T = Pattern.compile(
      "(?i)\\b(TIMESTAMP_LTZ|TIMESTAMP|TIME)\\s*\\(\\s*(\\d+)\\s*\\)");
  static final Pattern LEN_T = Pattern.compile(
      "(?i)\\b(VARCHAR|CHAR|VARBINARY|BINARY)\\s*\\(\\s*(\\d+)\\s*\\)");

  static List<String> typeRangeProblems(String src, char[] m, int a, int b, int[] ls) {
    List<String> out = new ArrayList<>();
    String t = new String(m, a, b - a);
    Matcher x = DECIMAL_T.matcher(t);
    while (x.find()) {
      long p = parse(x.group(2));
      long s = x.group(3) == null ? 0 : parse(x.group(3));
      String where = " at line " + lineAt(src, a + x.start(), ls);
      String ty = x.group(1).toUpperCase(Locale.ROOT) + "(" + x.group(2) + (x.group(3) == null ? "" : ", " + x.group(3)) + ")";
      if (p < 1 || p > 38)
        out.add(ty + where + ": precision must be 1..38 (Flink would silently use " + Math.max(1, Math.min(38, p)) + ")");
      else if (s > p)
        out.add(ty + where + ": scale " + s + " is larger than precision " + p);
    }
    x = TIME_T.matcher(t);
    while (x.find()) {
      long p = parse(x.group(2));
      if (p > 9)
        out.add(x.group(1).toUpperCase(Locale.ROOT) + "(" + x.group(2) + ") at line " + lineAt(src, a + x.start(), ls)
            + ": precision must be 0..9 (Flink would silently use 9)");
    }
    x = LEN_T.matcher(t);
    while (x.find()) {
      if (parse(x.group(2)) < 1)
        out.add(x.group(1).toUpperCase(Locale.ROOT) + "(" + x.group(2) + ") at line " + lineAt(src, a + x.start(), ls)
            + ": length must be at least 1");
    }
    return out;
  }

  static long parse(String digits) {
    try { return Long.parseLong(digits); } catch (NumberFormatException e) { return Long.MAX_VALUE; }
  }

  // ------------------------------------------------------------------------------------------
  // What the real connectors demand (they are not on the classpath, so we check it ourselves)
  // ------------------------------------------------------------------------------------------

  enum Role { SOURCE, SINK, NONE }

  static Role roleOf(String connector) {
    if (connector == null) return Role.NONE;
    String c = connector.toLowerCase(Locale.ROOT);
    if (c.endsWith("-cdc") || c.equals("jdbc")) return Role.SOURCE;
    if (c.equals("starrocks")) return Role.SINK;
    return Role.NONE;
  }

  static final Map<String, List<String>> REQUIRED = new HashMap<>();
  static final Map<String, Map<String, String>> METADATA = new HashMap<>();

  static {
    REQUIRED.put("mysql-cdc", List.of("hostname", "username", "password", "database-name", "table-name"));
    REQUIRED.put("postgres-cdc", List.of("hostname", "username", "password", "database-name", "schema-name",
        "table-name", "slot.name"));
    REQUIRED.put("oracle-cdc", List.of("username", "password", "database-name", "schema-name", "table-name"));
    REQUIRED.put("sqlserver-cdc", List.of("hostname", "username", "password", "database-name", "table-name"));
    REQUIRED.put("tidb-cdc", List.of("pd-addresses", "database-name", "table-name"));
    REQUIRED.put("jdbc", List.of("url", "table-name"));
    REQUIRED.put("starrocks", List.of("jdbc-url", "load-url", "database-name", "table-name", "username", "password"));

    String str = "STRING NOT NULL", ts = "TIMESTAMP_LTZ(3) NOT NULL";
    Map<String, String> mysql = new LinkedHashMap<>();
    mysql.put("table_name", str); mysql.put("database_name", str); mysql.put("op_ts", ts); mysql.put("row_kind", str);
    Map<String, String> withSchema = new LinkedHashMap<>();
    withSchema.put("table_name", str); withSchema.put("schema_name", str); withSchema.put("database_name", str);
    withSchema.put("op_ts", ts); withSchema.put("row_kind", str);
    Map<String, String> tidb = new LinkedHashMap<>();
    tidb.put("table_name", str); tidb.put("database_name", str); tidb.put("op_ts", ts);
    METADATA.put("mysql-cdc", mysql);
    METADATA.put("postgres-cdc", withSchema);
    METADATA.put("oracle-cdc", withSchema);
    METADATA.put("sqlserver-cdc", withSchema);
    METADATA.put("tidb-cdc", tidb);
  }

  static List<String> connectorProblems(ResolvedCatalogTable t, boolean batch) {
    List<String> out = new ArrayList<>();
    Map<String, String> o = t.getOptions();
    String conn = o.get("connector");
    if (conn == null) { out.add("the table has no 'connector' option"); return out; }
    if (conn.isBlank()) { out.add("'connector' is empty"); return out; }
    String c = conn.toLowerCase(Locale.ROOT);
    for (String k : REQUIRED.getOrDefault(c, List.of()))
      if (!o.containsKey(k)) out.add("connector '" + conn + "' requires the option '" + k + "', which is missing");
    if (c.equals("oracle-cdc") && !o.containsKey("hostname") && !o.containsKey("url"))
      out.add("connector 'oracle-cdc' requires 'hostname' (or 'url'), which is missing");
    // mysql-cdc reads the snapshot in parallel chunks by default, which needs a key to split on
    if (c.equals("mysql-cdc") && t.getResolvedSchema().getPrimaryKey().isEmpty()
        && !o.containsKey("scan.incremental.snapshot.chunk.key-column")
        && !"false".equalsIgnoreCase(o.getOrDefault("scan.incremental.snapshot.enabled", "true")))
      out.add("'scan.incremental.snapshot.chunk.key-column' is required for a mysql-cdc table without primary key"
          + " when 'scan.incremental.snapshot.enabled' is true (the default)");
    if (batch && c.endsWith("-cdc") && !"snapshot".equalsIgnoreCase(o.get("scan.startup.mode")))
      out.add("connector '" + conn + "' is unbounded; in batch mode it needs 'scan.startup.mode' = 'snapshot'");
    Map<String, String> meta = METADATA.get(c);
    for (Column col : t.getResolvedSchema().getColumns()) {
      if (!(col instanceof Column.MetadataColumn mc)) continue;
      String key = mc.getMetadataKey().orElse(mc.getName());
      if (roleOf(c) == Role.SINK && mc.isPersisted()) {
        out.add("column `" + mc.getName() + "`: connector '" + conn + "' cannot write metadata; declare it VIRTUAL or as a plain column");
      } else if (meta != null) {
        String want = meta.get(key);
        if (want == null) {
          out.add("column `" + mc.getName() + "`: metadata key '" + key + "' is not provided by '" + conn
              + "' (keys: " + String.join(", ", meta.keySet()) + ")");
        } else {
          LogicalType have = LogicalTypeParser.parse(want);
          LogicalType declared = mc.getDataType().getLogicalType();
          if (!LogicalTypeCasts.supportsExplicitCast(have, declared))
            out.add("column `" + mc.getName() + "`: metadata '" + key + "' is " + want + " and cannot be declared as "
                + declared.asSummaryString());
          if (roleOf(c) == Role.SOURCE && !mc.isVirtual())
            out.add("column `" + mc.getName() + "`: metadata of a source must be declared VIRTUAL");
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // Known Flink options, so that a SET with an unparsable value is caught
  // ------------------------------------------------------------------------------------------

  static final Map<String, ConfigOption<?>> OPTIONS = new HashMap<>();

  static void loadOptions() {
    String[] classes = {
      "org.apache.flink.table.api.config.ExecutionConfigOptions",
      "org.apache.flink.table.api.config.OptimizerConfigOptions",
      "org.apache.flink.table.api.config.TableConfigOptions",
      "org.apache.flink.table.api.config.LookupJoinHintOptions",
      "org.apache.flink.configuration.ExecutionOptions",
      "org.apache.flink.configuration.PipelineOptions",
      "org.apache.flink.configuration.CheckpointingOptions",
      "org.apache.flink.configuration.RestartStrategyOptions",
      "org.apache.flink.configuration.StateBackendOptions",
      "org.apache.flink.configuration.StateRecoveryOptions",
      "org.apache.flink.configuration.CoreOptions",
      "org.apache.flink.streaming.api.environment.ExecutionCheckpointingOptions",
    };
    for (String cn : classes) {
      try {
        for (java.lang.reflect.Field f : Class.forName(cn).getFields()) {
          if (!java.lang.reflect.Modifier.isStatic(f.getModifiers()) || !ConfigOption.class.isAssignableFrom(f.getType())) continue;
          ConfigOption<?> opt = (ConfigOption<?>) f.get(null);
          OPTIONS.putIfAbsent(opt.key(), opt);
          for (org.apache.flink.configuration.FallbackKey fk : opt.fallbackKeys()) OPTIONS.putIfAbsent(fk.getKey(), opt);
        }
      } catch (Throwable ignored) {
        // class absent in this Flink version: its options are simply not value-checked
      }
    }
  }

  static String checkOptionValue(String key, String value) {
    ConfigOption<?> opt = OPTIONS.get(key);
    if (opt == null) return null;
    Configuration c = new Configuration();
    c.setString(key, value);
    try {
      c.get(opt);
      return null;
    } catch (Throwable e) {
      return "invalid value '" + value + "' for option '" + key + "': " + firstLine(describe(e));
    }
  }

  // ------------------------------------------------------------------------------------------
  // Checking one file
  // ------------------------------------------------------------------------------------------

  static final Pattern SET_RE = Pattern.compile("(?is)^SET\\s+'((?:[^']|'')*)'\\s*=\\s*'((?:[^']|'')*)'$");
  static final Pattern RESET_RE = Pattern.compile("(?is)^RESET\\s+'((?:[^']|'')*)'$");
  static final Pattern BARE_SET = Pattern.compile("(?is)^(SET|RESET)$");
  static final Pattern SETLIKE = Pattern.compile("(?is)^(SET|RESET)\\b.*");
  static final Pattern CREATE_RE = Pattern.compile("(?is)^CREATE\\b.*");
  static final Pattern ADD_JAR = Pattern.compile("(?is)^(ADD|REMOVE)\\s+JAR\\s+'[^']*'$");
  static final Pattern INSERT_RE = Pattern.compile("(?is)^(EXECUTE\\s+)?INSERT\\s+(INTO|OVERWRITE)\\b.*");
  static final Pattern MODE_RE = Pattern.compile(
      "(?im)^\\s*SET\\s+'execution\\.runtime-mode'\\s*=\\s*'(\\w+)'\\s*;\\s*$");
  static final String IDENT = "(?:`(?:[^`]|``)+`|[A-Za-z_][\\w$]*)";
  static final Pattern TARGET_RE = Pattern.compile(
      "(?is)^(?:EXECUTE\\s+)?INSERT\\s+(?:INTO|OVERWRITE)\\s+(?:TABLE\\s+)?(" + IDENT + "(?:\\s*\\.\\s*" + IDENT + "){0,2})");
  static final Pattern FROM_RE = Pattern.compile(
      "(?is)\\b(?:FROM|JOIN)\\s+(" + IDENT + "(?:\\s*\\.\\s*" + IDENT + "){0,2})");

  final String file;
  final String src;
  final char[] m;
  final char[] nc;                                  // the text with only the comments blanked
  final int[] ls;
  final boolean strict;
  final List<String> problems = new ArrayList<>();
  TableEnvironment tEnv;
  TableEnvironmentInternal internal;
  CatalogManager cm;
  final Map<String, String> stubCatalogs = new HashMap<>();          // name -> original type
  final Map<ObjectIdentifier, String> originalConnector = new HashMap<>();
  final Map<ObjectIdentifier, String> definitions = new HashMap<>();
  boolean batch;
  int inserts;
  int failedCreates;

  FlinkCheck(String file, String src, boolean strict) {
    this.file = file;
    this.src = src;
    this.m = mask(src);
    this.nc = mask(src, false);
    this.ls = lineStarts(src);
    this.strict = strict;
  }

  String firstLineOf(Stmt s) {
    String t = src.substring(s.start, s.end);
    int nl = t.indexOf('\n');
    String f = (nl < 0 ? t : t.substring(0, nl)).trim();
    return f.length() > 100 ? f.substring(0, 97) + "..." : f;
  }

  void fail(int no, Stmt s, String msg) {
    msg = msg.replace("SQL validation failed. SQL validation failed.", "SQL validation failed.");
    if (failedCreates > 0 && (msg.contains("not found") || msg.contains("Cannot find table")))
      msg = msg + "\n(maybe a consequence of an earlier failed CREATE statement)";
    StringBuilder b = new StringBuilder();
    b.append(file).append(": statement ").append(no).append(" (line ").append(s.line).append("): ")
        .append(firstLineOf(s)).append(": ");
    String[] lines = msg.strip().split("\r?\n");
    b.append(lines[0]);
    int shown = 0, alternatives = -1;
    for (int i = 1; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty()) continue;
      if (alternatives >= 0 && l.endsWith("...") && ++alternatives > 4) continue;  // parser's long "expecting" list
      if (l.startsWith("Was expecting")) alternatives = 0;
      if (++shown > 20) { b.append("\n    ..."); break; }
      b.append("\n    ").append(l);
    }
    if (alternatives > 4) b.append("\n    ... (").append(alternatives - 4).append(" more)");
    problems.add(b.toString());
  }

  /** Returns the number of statements, or -1 when the file could not be processed at all. */
  int run() {
    List<Stmt> stmts = split(src, m, ls);
    // the mode SET is matched on the original text (masking blanks the quoted values)
    Matcher mode = MODE_RE.matcher(src);
    batch = mode.find() && mode.group(1).equalsIgnoreCase("batch");
    Configuration conf = new Configuration();
    for (String k : List.of("jobmanager.bind-host", "jobmanager.rpc.address", "taskmanager.bind-host",
        "taskmanager.host", "rest.bind-address", "rest.address"))
      conf.setString(k, "127.0.0.1");
    EnvironmentSettings.Builder sb = EnvironmentSettings.newInstance().withConfiguration(conf);
    tEnv = TableEnvironment.create((batch ? sb.inBatchMode() : sb.inStreamingMode()).build());
    internal = (TableEnvironmentInternal) tEnv;
    cm = internal.getCatalogManager();

    int no = 0;
    for (Stmt s : stmts) {
      no++;
      for (String p : typeRangeProblems(src, m, s.start, s.end, ls)) fail(no, s, p);
      if (s.error != null) { fail(no, s, s.error); if (s.isSet && s.inner.isEmpty()) continue; }
      int before = problems.size();
      try {
        if (s.isSet) runSet(no, s);
        else runOne(no, s);
      } catch (Throwable e) {
        fail(no, s, describe(e));
      }
      if (problems.size() > before && CREATE_RE.matcher(masked(m, s.start, s.end)).matches()) failedCreates++;
    }
    return no;
  }

  String text(Stmt s) { return src.substring(s.start, s.end).strip(); }

  void runOne(int no, Stmt s) throws Exception {
    String sql = text(s);
    String plain = new String(nc, s.start, s.end - s.start).strip();   // without comments
    String mt = masked(m, s.start, s.end);
    Matcher x;
    if ((x = SET_RE.matcher(plain)).matches()) {
      String k = x.group(1).replace("''", "'"), v = x.group(2).replace("''", "'");
      String bad = checkOptionValue(k, v);
      if (bad != null) { fail(no, s, bad); return; }
      tEnv.getConfig().getConfiguration().setString(k, v);
    } else if ((x = RESET_RE.matcher(plain)).matches()) {
      tEnv.getConfig().getConfiguration().removeKey(x.group(1).replace("''", "'"));
    } else if (BARE_SET.matcher(mt).matches() || ADD_JAR.matcher(plain).matches()) {
      // listing the configuration / adding a jar: nothing to check offline
    } else if (SETLIKE.matcher(mt).matches()) {
      fail(no, s, "SET/RESET must have the form SET 'key' = 'value' (both quoted)");
    } else if (INSERT_RE.matcher(mt).matches()) {
      planInserts(no, s, List.of(s));
    } else {
      execute(no, s, sql);
    }
  }

  void runSet(int no, Stmt s) throws Exception {
    List<Stmt> ins = new ArrayList<>();
    for (Stmt in : s.inner) {
      if (INSERT_RE.matcher(masked(m, in.start, in.end)).matches()) ins.add(in);
      else fail(no, in, "only INSERT statements may appear inside a STATEMENT SET");
    }
    if (ins.isEmpty()) { fail(no, s, "the STATEMENT SET contains no INSERT"); return; }
    planInserts(no, s, ins);
  }

  void execute(int no, Stmt s, String sql) throws Exception {
    List<Operation> ops = internal.getParser().parse(sql);
    for (Operation op : ops) {
      if (op instanceof CreateCatalogOperation cc) {
        String type = cc.getProperties().get("type");
        if (type == null) { fail(no, s, "CREATE CATALOG needs a 'type' option"); continue; }
        if (!type.equals("generic_in_memory")) {
          // the catalog's jars (hive, jdbc, ...) are not available: use an in-memory catalog of the
          // same name so that USE / qualified names / INSERTs can still be resolved and planned
          stubCatalogs.put(cc.getCatalogName(), type);
          if (tEnv.listCatalogs().length > 0 && List.of(tEnv.listCatalogs()).contains(cc.getCatalogName())) {
            if (!cc.isIgnoreIfExists()) fail(no, s, "catalog " + cc.getCatalogName() + " already exists");
            continue;
          }
          tEnv.executeSql("CREATE CATALOG `" + cc.getCatalogName().replace("`", "``") + "` WITH ('type' = 'generic_in_memory')");
          continue;
        }
        internal.executeInternal(op);
      } else if (op instanceof UseDatabaseOperation ud && stubCatalogs.containsKey(ud.getCatalogName())) {
        ensureStubDatabase(ud.getCatalogName(), ud.getDatabaseName());
        internal.executeInternal(op);
      } else if (op instanceof QueryOperation || op instanceof ModifyOperation) {
        tEnv.explainSql(sql);                       // never run a job: planning is the check
      } else if (op instanceof CreateTableOperation ct) {
        String def = ct.getCatalogTable().getUnresolvedSchema().toString() + ct.getCatalogTable().getOptions();
        String prev = definitions.putIfAbsent(ct.getTableIdentifier(), def);
        if (prev != null && !prev.equals(def))
          fail(no, s, "table " + ct.getTableIdentifier().asSummaryString()
              + " is created a second time with a different definition (the first one wins)");
        internal.executeInternal(op);
        afterCreateTable(no, s, ct.getTableIdentifier(), ct.isTemporary());
      } else {
        internal.executeInternal(op);
      }
    }
  }

  void ensureStubDatabase(String catalog, String db) throws Exception {
    var c = cm.getCatalog(catalog).orElseThrow();
    if (!c.databaseExists(db)) c.createDatabase(db, new CatalogDatabaseImpl(Map.of(), null), true);
  }

  void afterCreateTable(int no, Stmt s, ObjectIdentifier id, boolean temporary) {
    ContextResolvedTable crt = cm.getTable(id).orElse(null);
    if (crt == null || !(crt.getResolvedTable() instanceof ResolvedCatalogTable rt)) return;
    String conn = rt.getOptions().get("connector");
    if (originalConnector.containsKey(id)) return;   // CREATE ... IF NOT EXISTS on a known table
    if (!stubCatalogs.containsKey(id.getCatalogName()))
      for (String p : connectorProblems(rt, batch)) fail(no, s, "table " + id.asSummaryString() + ": " + p);
    Role role = roleOf(conn);
    if (role == Role.NONE) return;
    originalConnector.put(id, conn);
    replace(id, temporary, rt, role);
  }

  /** Re-create the table with connector datagen (SOURCE) or blackhole (SINK); same columns in the same order. */
  void replace(ObjectIdentifier id, boolean temporary, ResolvedCatalogTable rt, Role role) {
    Schema.Builder b = Schema.newBuilder();
    ResolvedSchema rs = rt.getResolvedSchema();
    for (Schema.UnresolvedColumn uc : rt.getUnresolvedSchema().getColumns()) {
      Column col = rs.getColumn(uc.getName()).orElseThrow();
      if (col instanceof Column.MetadataColumn mc) {
        if (role == Role.SOURCE || mc.isPersisted()) b.column(mc.getName(), mc.getDataType());
        else b.columnByExpression(mc.getName(),
            "CAST(NULL AS " + mc.getDataType().getLogicalType().copy(true).asSerializableString() + ")");
      } else if (uc instanceof Schema.UnresolvedComputedColumn cc) {
        b.columnByExpression(cc.getName(), cc.getExpression());
      } else {
        b.column(col.getName(), col.getDataType());
      }
    }
    rt.getUnresolvedSchema().getWatermarkSpecs().forEach(w -> b.watermark(w.getColumnName(), w.getWatermarkExpression()));
    rt.getUnresolvedSchema().getPrimaryKey().ifPresent(pk -> b.primaryKeyNamed(pk.getConstraintName(), pk.getColumnNames()));
    Map<String, String> opts = new HashMap<>();
    if (role == Role.SOURCE) { opts.put("connector", "datagen"); opts.put("number-of-rows", "1"); }
    else opts.put("connector", "blackhole");
    CatalogTable nt = CatalogTable.newBuilder().schema(b.build()).comment(rt.getComment())
        .partitionKeys(rt.getPartitionKeys()).options(opts).build();
    if (temporary) { cm.dropTemporaryTable(id, false); cm.createTemporaryTable(nt, id, false); }
    else { cm.dropTable(id, false); cm.createTable(nt, id, false); }
  }

  ObjectIdentifier qualify(String ident) {
    return cm.qualifyIdentifier(internal.getParser().parseIdentifier(ident));
  }

  /** Stub sources in replaced catalogs, sinks in the right role: then plan the INSERTs together. */
  void planInserts(int no, Stmt owner, List<Stmt> ins) {
    List<String> sqls = new ArrayList<>();
    for (Stmt in : ins) {
      String sql = text(in).replaceFirst("(?is)^EXECUTE\\s+", "");
      sqls.add(sql);
      String mt = masked(m, in.start, in.end);
      try {
        Matcher tm = TARGET_RE.matcher(sql);
        ObjectIdentifier target = tm.find() ? qualify(tm.group(1)) : null;
        if (target != null) {
          String orig = originalConnector.get(target);
          ContextResolvedTable t = cm.getTable(target).orElse(null);
          if (orig != null && t != null && t.getResolvedTable() instanceof ResolvedCatalogTable rt
              && "datagen".equals(rt.getOptions().get("connector")))
            replace(target, t.isTemporary(), rt, Role.SINK);   // e.g. a jdbc table written to
        }
        // tables read from a replaced (e.g. Hive) catalog do not exist: build them from the sink
        Matcher fm = FROM_RE.matcher(mt);
        while (fm.find()) {
          String ident = src.substring(in.start + fm.start(1), in.start + fm.end(1));
          ObjectIdentifier ref;
          try { ref = qualify(ident); } catch (Throwable e) { continue; }
          if (!stubCatalogs.containsKey(ref.getCatalogName()) || cm.getTable(ref).isPresent() || target == null) continue;
          ContextResolvedTable sink = cm.getTable(target).orElse(null);
          if (sink == null) continue;
          ensureStubDatabase(ref.getCatalogName(), ref.getDatabaseName());
          Schema.Builder b = Schema.newBuilder();
          for (Column c : sink.getResolvedSchema().getColumns())
            if (c.isPersisted()) b.column(c.getName(), c.getDataType());
          cm.createTable(CatalogTable.newBuilder().schema(b.build())
              .options(Map.of("connector", "datagen", "number-of-rows", "1")).build(), ref, true);
        }
      } catch (Throwable e) {
        fail(no, in, describe(e));
        return;
      }
    }
    // add every INSERT (parse + validate), then plan them as one job
    StatementSet set = tEnv.createStatementSet();
    boolean ok = true;
    for (int i = 0; i < ins.size(); i++) {
      try { set.addInsertSql(sqls.get(i)); }
      catch (Throwable e) { fail(no, ins.get(i), describe(e)); ok = false; }
    }
    if (!ok) return;
    try {
      set.explain();
      inserts += ins.size();
    } catch (Throwable e) {
      if (ins.size() == 1) { fail(no, ins.get(0), describe(e)); return; }
      // find the culprit(s) for a precise line number
      boolean found = false;
      for (int i = 0; i < ins.size(); i++) {
        try { tEnv.explainSql(sqls.get(i)); }
        catch (Throwable e2) { fail(no, ins.get(i), describe(e2)); found = true; }
      }
      if (!found) fail(no, owner, describe(e));
      return;
    }
    if (strict) for (int i = 0; i < ins.size(); i++) strictCompare(no, ins.get(i), sqls.get(i));
  }

  /** --strict: query column i must carry the sink column i's name and type (nullability aside). */
  void strictCompare(int no, Stmt in, String sql) {
    try {
      List<Operation> ops = internal.getParser().parse(sql);
      if (ops.size() != 1 || !(ops.get(0) instanceof SinkModifyOperation smo)) return;
      List<Column> q = smo.getChild().getResolvedSchema().getColumns();
      List<Column> sink = smo.getContextResolvedTable().getResolvedSchema().getColumns().stream()
          .filter(Column::isPersisted).toList();
      for (int i = 0; i < Math.min(q.size(), sink.size()); i++) {
        Column a = q.get(i), b = sink.get(i);
        LogicalType ta = a.getDataType().getLogicalType().copy(true), tb = b.getDataType().getLogicalType().copy(true);
        boolean generated = a.getName().startsWith("EXPR$");
        if (!generated && !a.getName().equalsIgnoreCase(b.getName()))
          fail(no, in, "strict: query column " + (i + 1) + " `" + a.getName() + "` is written into sink column `" + b.getName() + "`");
        if (!ta.equals(tb))
          fail(no, in, "strict: query column " + (i + 1) + " `" + a.getName() + "` is " + ta.asSummaryString()
              + " but sink column `" + b.getName() + "` is " + tb.asSummaryString());
      }
    } catch (Throwable e) {
      fail(no, in, describe(e));
    }
  }

  // ------------------------------------------------------------------------------------------

  static String describe(Throwable e) {
    String msg = e.getMessage();
    if (msg == null || msg.isBlank()) msg = e.getClass().getSimpleName();
    Throwable r = e;
    while (r.getCause() != null && r.getCause() != r) r = r.getCause();
    String rm = r.getMessage();
    if (r != e && rm != null && !rm.isBlank() && !msg.contains(rm.strip())) msg = msg + "\ncause: " + rm;
    return msg;
  }

  static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  public static void main(String[] args) {
    boolean strict = false, verbose = false;
    List<String> files = new ArrayList<>();
    for (String a : args) {
      switch (a) {
        case "--strict" -> strict = true;
        case "--verbose" -> verbose = true;
        case "-h", "--help" -> {
          System.out.println("usage: FlinkCheck [--strict] [--verbose] FILE.sql [FILE.sql ...]");
          System.exit(0);
        }
        default -> {
          if (a.startsWith("--")) { System.err.println("FlinkCheck: unknown option " + a); System.exit(2); }
          files.add(a);
        }
      }
    }
    if (files.isEmpty()) { System.err.println("usage: FlinkCheck [--strict] [--verbose] FILE.sql [FILE.sql ...]"); System.exit(2); }
    loadOptions();
    int bad = 0;
    boolean ioError = false;
    for (String f : files) {
      long t0 = System.nanoTime();
      String text;
      try {
        text = Files.readString(Path.of(f), StandardCharsets.UTF_8);
      } catch (Exception e) {
        System.out.println(f + ": cannot read: " + e);
        ioError = true;
        continue;
      }
      FlinkCheck c = new FlinkCheck(f, text, strict);
      int n;
      try {
        n = c.run();
      } catch (Throwable e) {
        c.problems.add(f + ": " + describe(e));
        n = -1;
      }
      if (c.problems.isEmpty()) {
        System.out.printf("ok %s (%d statements, %d inserts planned)%s%n", f, n, c.inserts,
            verbose ? String.format(" in %d ms", (System.nanoTime() - t0) / 1_000_000) : "");
      } else {
        bad++;
        c.problems.forEach(System.out::println);
      }
      System.out.flush();
    }
    System.exit(ioError ? 2 : bad == 0 ? 0 : 1);
  }
}
