// SQL findings in one string. Two questions, answered separately:
// - sql.destructive: does the text contain a statement that destroys data wholesale (DROP,
//   TRUNCATE, DELETE or UPDATE without a real WHERE)? Legitimate SQL is expected here (db.query),
//   so only the statement shapes count, read after literals and comments are set aside.
// - sql.injection: is the text shaped like input crafted to break out of a query (a quote that
//   closes a literal and continues with SQL, tautologies, stacked queries, time or file functions)?
// Every pattern is linear: no nested quantifiers over overlapping classes.

const IDENT = String.raw`(?:"[^"]{1,128}"|\x60[^\x60]{1,128}\x60|\[[^\]]{1,128}\]|[A-Za-z_][\w$]{0,127})`;
const QUALIFIED = String.raw`${IDENT}(?:\s*\.\s*${IDENT}){0,3}`;

const DROP = new RegExp(
  String.raw`^DROP\s+(?:TABLE|DATABASE|SCHEMA|VIEW|MATERIALIZED\s+VIEW|INDEX|USER|ROLE|FUNCTION|PROCEDURE|TRIGGER|SEQUENCE|TABLESPACE|EXTENSION|TYPE|OWNED\s+BY|COLLECTION)\s+(?:IF\s+EXISTS\s+)?${QUALIFIED}(?:\s*,\s*${QUALIFIED}){0,20}\s*(?:CASCADE|RESTRICT|PURGE)?\s*$`,
  "i",
);
const ALTER_DROP = new RegExp(
  String.raw`^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?${QUALIFIED}\s+DROP\s+(?:COLUMN|CONSTRAINT|PARTITION)?\s*(?:IF\s+EXISTS\s+)?${IDENT}`,
  "i",
);
const TRUNCATE = new RegExp(
  String.raw`^TRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?${QUALIFIED}(?:\s*,\s*${QUALIFIED}){0,20}(?:\s+(?:RESTART|CONTINUE)\s+IDENTITY)?(?:\s+(?:CASCADE|RESTRICT))?\s*$`,
  "i",
);
const DELETE = new RegExp(
  String.raw`^DELETE\s+(?:${QUALIFIED}(?:\s*,\s*${QUALIFIED}){0,10}\s+(?=FROM\b))?(?:FROM\s+)?(?:ONLY\s+)?${QUALIFIED}(?:\s+(?:AS\s+)?${IDENT})?\s*(?:$|WHERE\b|USING\b|RETURNING\b|LIMIT\b|ORDER\s+BY\b)`,
  "i",
);
const UPDATE = new RegExp(
  String.raw`^UPDATE\s+(?:ONLY\s+)?${QUALIFIED}(?:\s+(?:AS\s+)?${IDENT})?\s+SET\s+${IDENT}(?:\s*\.\s*${IDENT})?\s*=`,
  "i",
);
const WHERE_CLAUSE = /\bWHERE\b([\s\S]*)$/i;
/** A WHERE clause that keeps every row: `WHERE 1=1`, `WHERE true`, `WHERE 'a'='a'`, `... OR 1=1`. */
const TAUTOLOGY_CLAUSE =
  /^\s*\(*\s*(?:TRUE|1|NOT\s+FALSE|(['"])(\w{0,64})\1\s*=\s*\1\2\1|(\w{1,64})\s*=\s*\3(?!\w))\s*\)*\s*(?:;|$|RETURNING\b|LIMIT\b|ORDER\b)/i;
const OR_TAUTOLOGY =
  /\bOR\s+\(*\s*(?:(?:TRUE|1)\s*(?:$|\)|--|#|;)|(['"])(\w{0,64})\1\s*(?:=|LIKE)\s*\1\2(?:\1(?!\w)|$)|(\w{1,64})\s*=\s*\3(?!\w)|(['"])\4\s*=\s*\4)/i;

/** The text with string literals emptied and comments removed, split into statements. */
export function sqlStatements(text: string): string[] {
  let out = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === "`") {
      // Literals (and quoted identifiers) keep their delimiters but lose their content, so words
      // inside them ("… WHERE …" in a comment string) do not count as SQL.
      let j = i + 1;
      for (; j < n; j++) {
        if (text[j] === c) {
          if (text[j + 1] === c) j++;
          else break;
        }
      }
      out += c === '"' || c === "`" ? `${c}x${c}` : "''";
      i = j + 1;
    } else if (c === "-" && text[i + 1] === "-") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? n : end;
      out += " ";
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      out += " ";
    } else {
      out += c;
      i++;
    }
  }
  return out
    .split(";")
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

function destroys(statement: string): boolean {
  if (DROP.test(statement) || ALTER_DROP.test(statement) || TRUNCATE.test(statement)) return true;
  if (!DELETE.test(statement) && !UPDATE.test(statement)) return false;
  const where = WHERE_CLAUSE.exec(statement)?.[1];
  if (where === undefined) return true;
  return TAUTOLOGY_CLAUSE.test(where) || OR_TAUTOLOGY.test(where);
}

export function isDestructiveSql(text: string): boolean {
  if (!/\b(?:DROP|TRUNCATE|DELETE|UPDATE|ALTER)\b/i.test(text)) return false;
  if (sqlStatements(text).some(destroys)) return true;
  // Injected input starts inside the application's literal: read it that way too ("'; DROP …").
  return unbalanced(text, "'") && sqlStatements(`'${text}`).some(destroys);
}

// Signatures that need no context: time delays, file and command access from SQL, versioned
// or empty comments hiding keywords, NULL-column probing.
const SIGNATURES = new RegExp(
  [
    String.raw`\b(?:PG_SLEEP|SLEEP|BENCHMARK)\s*\(\s*\d`,
    String.raw`\bWAITFOR\s+(?:DELAY|TIME)\s+'`,
    String.raw`\bDBMS_(?:PIPE\.RECEIVE_MESSAGE|LOCK\.SLEEP)\b`,
    String.raw`\bUTL_(?:HTTP|INADDR)\.`,
    String.raw`\bLOAD_FILE\s*\(`,
    String.raw`\bINTO\s+(?:OUT|DUMP)FILE\b`,
    String.raw`\bxp_cmdshell\b`,
    String.raw`\bCOPY\s+\S+\s+(?:FROM|TO)\s+PROGRAM\b`,
    String.raw`\blo_(?:import|export)\s*\(`,
    String.raw`\/\*!\d{0,6}`,
    String.raw`\w\/\*\*\/\w|\/\*\*\/(?:OR|AND|UNION|SELECT|FROM|WHERE)\b`,
    String.raw`\bUNION\s+(?:ALL\s+)?SELECT\s+(?:NULL\s*,\s*){1,30}NULL\b`,
    String.raw`\bUNION\s+(?:ALL\s+)?SELECT\b[^;]{0,200}\b(?:information_schema|pg_catalog|pg_shadow|pg_user|mysql\.user|sqlite_master|sys\.(?:objects|tables|sql_logins)|all_tables|dba_users)\b`,
    String.raw`\bCHAR\(\d{1,3}\)\s*(?:\+|\|\|)\s*CHAR\(\d{1,3}\)`,
    String.raw`@@version\b`,
    String.raw`['"]\s*\|\|\s*\(?\s*SELECT\b`,
  ].join("|"),
  "i",
);

/** A quote that closes a literal, then SQL: what injected input looks like in context. */
const BREAKOUT =
  /(['"])\s*\)*\s*(?:(?:OR|AND|XOR|\|\||&&)\s+(?:NOT\s+)?(?:[\w'"]{1,64}\s*(?:=|<>|!=|<|>|\bLIKE\b|\bIS\b|\bIN\b|\bBETWEEN\b|\bREGEXP\b)|\d|TRUE\b|FALSE\b|\w{1,32}\s*\()|UNION\b|;\s*\S|ORDER\s+BY\s+\d|GROUP\s+BY\b|HAVING\b|--|#|\/\*|\|\|\s*\(?\s*(?:SELECT|\w+\s*\())/i;
/** Stacked or UNION queries after a bare number, as typed into an id field. */
const NUMERIC_BREAKOUT =
  /^\s*-?\d{1,20}\s*\)*\s*(?:;\s*(?:DROP|DELETE|UPDATE|INSERT|SELECT|SHUTDOWN|EXEC|EXECUTE|DECLARE|CREATE|ALTER|TRUNCATE|GRANT)\b|(?:OR|AND)\s+\d{1,20}\s*[=<>]|UNION\s+(?:ALL\s+)?SELECT\b)/i;
const UNION_SELECT = /\bUNION\s+(?:ALL\s+)?SELECT\s+(?:\*|NULL\b|\d|@@|[\w.]{1,64}\s*(?:,|FROM\b|--|#|$))/i;
const STARTS_AS_QUERY = /^\s*(?:\(|SELECT\b|WITH\b|INSERT\b|CREATE\b|EXPLAIN\b)/i;
/** A comment straight after a quote, cutting off the rest of the query (`admin'--`, `x' #`). */
const QUOTE_COMMENT = /['"]\)*(?:--|#)|['"]\s*\)*\s*(?:--|#)\s*$/;

/** Whether quotes of this kind are unbalanced once doubled ('') escapes are set aside. */
function unbalanced(text: string, quote: "'" | '"'): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== quote) continue;
    if (text[i + 1] === quote) i++;
    else count++;
  }
  return count % 2 === 1;
}

const STATEMENT = /^\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|EXPLAIN|BEGIN)\b/i;

export function isSqlInjection(text: string): boolean {
  if (SIGNATURES.test(text) || NUMERIC_BREAKOUT.test(text) || QUOTE_COMMENT.test(text)) return true;
  // In a whole statement, literals are data ('He said "OR 1=1"'); in a lone value they are not.
  if (OR_TAUTOLOGY.test(STATEMENT.test(text) ? sqlStatements(text).join(";") : text)) return true;
  if (UNION_SELECT.test(text) && !STARTS_AS_QUERY.test(text)) return true;
  const single = unbalanced(text, "'");
  const double = unbalanced(text, '"');
  if (!single && !double) return false;
  const m = BREAKOUT.exec(text);
  return m !== null && ((m[1] === "'" && single) || (m[1] === '"' && double) || BREAKOUT.test(text.slice(m.index + 1)));
}
