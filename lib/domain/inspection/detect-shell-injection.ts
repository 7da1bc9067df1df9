// shell.injection: text that would chain or substitute commands if it reached a shell. Plain
// command lines are expected in some action types (`ps aux | grep node`, `cd app && npm test`),
// so a pipe or `&&` alone is not a finding; what counts is a chain or substitution that runs a
// command able to destroy, escalate, open a shell or move data out, metacharacters after a value
// that should have been a single argument, and reverse-shell and download-and-run idioms.
// Unix command names are matched case-sensitively, as the shell runs them ("ID: 42" is prose).

/** Commands that, chained in or substituted, are the point of an injection. */
const DANGEROUS = String.raw`(?:sudo\s+)?(?:rm\s+-\w*[rf]|mkfs(?:\.\w+)?\b|dd\s+if=|shutdown\b|reboot\b|halt\b|poweroff\b|chmod\s+(?:-R\s+)?(?:[0-7]*7[0-7]{2}|[ugoa]*\+s)\b|chown\s+-R\b|useradd\b|usermod\b|passwd\b|crontab\b|nc\b|ncat\b|netcat\b|socat\b|telnet\b|curl\b|wget\b|(?:ba|z|k|da|c|tc)?sh\b|python[23]?(?:\.\d+)?\s+-c\b|perl\s+-e\b|ruby\s+-e\b|php\s+-r\b|node\s+-e\b|base64\s+(?:-d|--decode)\b|eval\b|exec\b|kill\s+-9\b|killall\b|whoami\b|id\b(?!\s*=)|uname\b|cat\s+\/(?:etc|proc|root|var\/run)\/|\/bin\/\w*sh\b|su\s+-?\s*root\b|ssh\b|scp\b|nohup\b|xterm\b|[Pp]ower[Ss]hell\b|cmd(?:\.exe)?\s+\/c\b|certutil\b|bitsadmin\b)`;
/** What an injected line looks like when it follows a newline inside otherwise ordinary text. */
const DANGEROUS_LINE = String.raw`(?:sudo\s+)?(?:rm\s+-\w*[rf]\w*\s+\/|curl\s+(?:-\S+\s+){0,6}https?:|wget\s+(?:-\S+\s+){0,6}https?:|nc\s+-|ncat\s|(?:ba)?sh\s+-[ci]\b|python[23]?\s+-c\s|chmod\s+(?:-R\s+)?[0-7]*7[0-7]{2}\s|mkfs\b|dd\s+if=|cat\s+\/etc\/(?:passwd|shadow)|whoami\s*$|id\s*$|uname\s+-a)`;

const CHAINED = new RegExp(String.raw`(?:;|&&|\|\||\||^&|\s&)\s*${DANGEROUS}`);
const NEWLINE_CHAINED = new RegExp(String.raw`[\r\n]\s*${DANGEROUS_LINE}`, "m");
/** $(…) running anything beyond harmless helpers like date or pwd. */
const SUBSTITUTED = new RegExp(String.raw`\$\(\s*(?:${DANGEROUS}|ls\b|env\b|printenv\b|hostname\b|cat\s|ifconfig\b|ip\s+a)`);
/** Backticks are also Markdown code, so only a command that only an attacker runs counts. */
/** Backticks glued to a value (`test.txt\`curl …\``) are a substitution, not a Markdown code span. */
const GLUED_BACKTICK = new RegExp(String.raw`[\w./-]\x60\s*${DANGEROUS}`);
const BACKTICKED = /`\s*(?:whoami|uname\s+-a|cat\s+\/etc\/\w+|rm\s+-rf\s+\S+|nc\s+-e\s+\S+|bash\s+-i)\s*`/;
/** A single value (host, file, address, number) followed by a chain to another (lowercase) command. */
const ARGUMENT_BREAKOUT = /^([\w@%+~-][\w.@:%+~/=-]{0,253})\s*(?:;|&&|\|\||\||&)\s*[a-z]/;
const VALUE_LIKE = /[.@]|\d/;
const SIGNATURES = new RegExp(
  [
    String.raw`\/dev\/(?:tcp|udp)\/`,
    String.raw`\b(?:ba)?sh\s+-i\b`,
    String.raw`\b(?:nc|ncat|netcat)\b[^\n|;]{0,100}\s-[ec]\s`,
    String.raw`\bmkfifo\b`,
    String.raw`\bpty\.spawn\b`,
    String.raw`\bsocket\.socket\s*\(`,
    String.raw`\$\{IFS\}|\$IFS\$\d`,
    String.raw`:\(\)\s*\{\s*:\|:&\s*\}\s*;\s*:`,
    String.raw`\b(?:curl|wget)\b[^\n;]{0,300}\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b`,
    String.raw`\b(?:curl|wget)\b[^\n;]{0,300}\|\s*python[23]?\b`,
    String.raw`\bpowershell(?:\.exe)?\b[^\n]{0,100}\s-(?:e|enc|encodedcommand)\s`,
    String.raw`\b(?:IEX|Invoke-Expression)\b`,
    String.raw`\bDownloadString\s*\(`,
    String.raw`(?:%0a|%0d|%3b|%7c|%26%26|%60)\s*(?:%20)?(?:cat|ls|id|whoami|uname|rm|curl|wget|nc|bash|sh|ping)\b`,
  ].join("|"),
  "i",
);

export function isShellInjection(text: string): boolean {
  if (!/[;&|`$\n\r%]|dev\/|IEX|Invoke|socket|pty|mkfifo|\bsh\b|powershell/i.test(text)) return false;
  if (
    SIGNATURES.test(text) ||
    CHAINED.test(text) ||
    NEWLINE_CHAINED.test(text) ||
    SUBSTITUTED.test(text) ||
    BACKTICKED.test(text) ||
    GLUED_BACKTICK.test(text)
  )
    return true;
  const breakout = ARGUMENT_BREAKOUT.exec(text);
  return breakout !== null && VALUE_LIKE.test(breakout[1]!);
}
