// The payload as an escaped, readable tree. Every key and value is a React text node (React
// escapes it); nothing agent-written reaches an attribute, markup, a link or a URL the browser
// would load. Keys are sorted so the order is stable whatever the agent or the database did.
import { VisibleText } from "../../../_components/visible-text.tsx";
import { realHosts } from "@/lib/domain/inspection/real-hosts.ts";

// A string longer than this shows its start, with the rest behind an expand control.
const LONG_STRING = 2000;
const SHOWN_OF_LONG = 1000;

function Scalar({ value }: { value: unknown }) {
  if (typeof value === "string" && value.length > LONG_STRING) {
    return (
      <>
        <span className="whitespace-pre-wrap text-emerald-800 [overflow-wrap:anywhere]">
          &quot;
          <VisibleText text={value.slice(0, SHOWN_OF_LONG)} />
        </span>
        <details className="inline">
          <summary data-testid="expand-string" className="inline cursor-pointer font-sans text-xs font-medium text-slate-700 underline">
            … {(value.length - SHOWN_OF_LONG).toLocaleString("en")} more characters
          </summary>
          <span className="whitespace-pre-wrap text-emerald-800 [overflow-wrap:anywhere]">
            <VisibleText text={value.slice(SHOWN_OF_LONG)} />
            &quot;
          </span>
        </details>
        <HostBadges strings={[value]} />
      </>
    );
  }
  if (typeof value === "string") {
    return (
      <>
        <span className="whitespace-pre-wrap text-emerald-800 [overflow-wrap:anywhere]">
          &quot;
          <VisibleText text={value} />
          &quot;
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
      {plain ? (
        name
      ) : (
        <>
          &quot;
          <VisibleText text={name} />
          &quot;
        </>
      )}
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
    <span
      key={`${kind} ${host}`}
      data-testid="url-host"
      className="ml-2 inline-block whitespace-nowrap rounded bg-amber-100 px-1.5 font-sans text-xs font-medium leading-5 text-amber-950 ring-1 ring-amber-300"
    >
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
      <span className="whitespace-pre-wrap text-slate-700 [overflow-wrap:anywhere]">
        <VisibleText text={jsonText(value)} />
      </span>
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
              <summary className="cursor-pointer font-sans text-sm text-slate-600">
                {rest.length} more {isArray ? "items" : "fields"}, as JSON
              </summary>
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

/** Past this many bytes of JSON, the page shows a preview and the whole payload on request. */
export const LARGE_PAYLOAD_BYTES = 64 * 1024;
const PREVIEW_BYTES = 16 * 1024;

/**
 * A huge payload, truncated: its size and hash (what an approval would be for), its first
 * PREVIEW_BYTES as JSON text, every host any URL in the whole payload leads to, and a link to the
 * whole of it. A reviewer never approves what they were not offered to read.
 */
export function PayloadPreview({ value, hash, bytes, fullHref }: { value: unknown; hash: string; bytes: number; fullHref: string }) {
  const text = jsonText(value);
  return (
    <div data-testid="payload-preview">
      <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-amber-300">
        This payload is <strong>{Math.round(bytes / 1024).toLocaleString("en")} KB</strong>, more than a person reads at once: the first{" "}
        {PREVIEW_BYTES / 1024} KB are shown. Approving approves all of it, hash <span className="break-all font-mono text-xs">{hash}</span>.{" "}
        <a
          href={fullHref}
          data-testid="expand-payload"
          className="font-medium underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-amber-500"
        >
          Show the whole payload
        </a>
      </p>
      <div className="mt-2 max-h-[32rem] overflow-auto rounded-md bg-slate-50 p-3 font-mono text-[13px] leading-6 ring-1 ring-slate-200">
        <span className="whitespace-pre-wrap text-slate-700 [overflow-wrap:anywhere]">
          <VisibleText text={text.slice(0, PREVIEW_BYTES)} />
        </span>
        <span className="font-sans text-sm text-slate-600"> … {(text.length - PREVIEW_BYTES).toLocaleString("en")} more characters</span>
      </div>
      <div className="mt-2 text-xs text-slate-700">
        Hosts anywhere in the payload: <HostBadges strings={stringsIn(value)} />
      </div>
    </div>
  );
}
