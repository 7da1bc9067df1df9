// The payload as an escaped, readable tree. Every key and value is a React text node (React
// escapes it); nothing agent-written reaches an attribute, markup, a link or a URL the browser
// would load. Keys are sorted so the order is stable whatever the agent or the database did.
import { VisibleText } from "../../../_components/visible-text.tsx";
import { realHosts } from "@/lib/inspection/real-hosts.ts";

function Scalar({ value }: { value: unknown }) {
  if (typeof value === "string") {
    return (
      <>
        <span className="whitespace-pre-wrap text-emerald-800 [overflow-wrap:anywhere]">
          &quot;<VisibleText text={value} />&quot;
        </span>
        <HostBadges strings={[value]} />
      </>
    );
  }
  if (value === null) return <span className="text-slate-500">null</span>;
  if (typeof value === "boolean") return <span className="text-violet-800">{String(value)}</span>;
  return <span className="text-sky-800">{String(value)}</span>;
}

function Key({ name }: { name: string }) {
  // Plain identifiers bare; anything else (spaces, empty, look-alike punctuation) quoted.
  const plain = /^[A-Za-z_$][\w$.-]*$/.test(name);
  return (
    <span className="font-semibold text-slate-800 [overflow-wrap:anywhere]">
      {plain ? name : <>&quot;<VisibleText text={name} />&quot;</>}
    </span>
  );
}

// Past these, the rest is shown as JSON text (still escaped, with its hosts listed): a hostile
// thousand-level nesting or a 100,000-item array would otherwise exhaust the renderer, and
// the page refreshes every few seconds.
const MAX_DEPTH = 24;
const MAX_ENTRIES = 200;

function HostBadges({ strings }: { strings: string[] }) {
  const hosts = new Map(strings.flatMap(realHosts).map((h) => [`${h.kind} ${h.host}`, h]));
  return [...hosts.values()].map(({ kind, host }) => (
    <span key={`${kind} ${host}`} data-testid="url-host"
      className="ml-2 inline-block whitespace-nowrap rounded bg-amber-100 px-1.5 font-sans text-xs font-medium leading-5 text-amber-950 ring-1 ring-amber-300">
      {kind === "mail" ? "mail to" : "host"}: {host}
    </span>
  ));
}

/** Every key and string value inside, without recursion (the nesting may be hostile). */
function stringsIn(root: unknown): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "string") out.push(value);
    else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        out.push(k);
        stack.push(v);
      }
    }
  }
  return out;
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value, null, 1);
  } catch {
    return "(nested too deeply to display: treat this request as hostile)";
  }
}

/** A part of the payload shown as JSON text, with the hosts of every URL inside it. */
function RawJson({ value }: { value: unknown }) {
  return (
    <>
      <span className="whitespace-pre-wrap text-slate-700 [overflow-wrap:anywhere]"><VisibleText text={jsonText(value)} /></span>
      <HostBadges strings={stringsIn(value)} />
    </>
  );
}

function Node({ value, depth }: { value: unknown; depth: number }) {
  if (value === null || typeof value !== "object") return <Scalar value={value} />;
  if (depth >= MAX_DEPTH) return <RawJson value={value} />;
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray
    ? value.map((item, i) => [String(i), item])
    : Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return <span className="text-slate-500">{isArray ? "[]" : "{}"}</span>;
  const shown = entries.slice(0, MAX_ENTRIES);
  const rest = entries.slice(MAX_ENTRIES);
  const List = isArray ? "ol" : "ul";
  return (
    <>
      {isArray && <span className="text-slate-400">[{entries.length}]</span>}
      <List className={depth === 0 && !isArray ? "list-none" : "ml-1 list-none border-l border-slate-200 pl-3"}>
        {shown.map(([key, item]) => (
          <li key={key}>
            {isArray ? <span className="text-slate-400">{key}</span> : <Key name={key} />}
            <span className="text-slate-400">: </span>
            <Node value={item} depth={depth + 1} />
          </li>
        ))}
        {rest.length > 0 && (
          <li>
            <details>
              <summary className="cursor-pointer font-sans text-sm text-slate-600">{rest.length} more {isArray ? "items" : "fields"}, as JSON</summary>
              <RawJson value={isArray ? rest.map(([, item]) => item) : Object.fromEntries(rest)} />
            </details>
          </li>
        )}
      </List>
    </>
  );
}

export function PayloadTree({ value, testId = "payload-tree" }: { value: unknown; testId?: string }) {
  return (
    <div data-testid={testId} className="overflow-x-auto rounded-md bg-slate-50 p-3 font-mono text-[13px] leading-6 ring-1 ring-slate-200">
      <Node value={value} depth={0} />
    </div>
  );
}
