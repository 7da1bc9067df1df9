// The payload as an escaped, readable tree. Every value is a React text node (React escapes it);
// nothing agent-written reaches an attribute, markup, a link or a URL the browser would load.

/** The real host of every http(s) URL inside a string (`https://paypal.com@evil.example/` → evil.example). */
function realHosts(value: string): string[] {
  const hosts = new Set<string>();
  for (const match of value.matchAll(/https?:\/\/[^\s"'<>]+/gi)) {
    try {
      hosts.add(new URL(match[0]).hostname);
    } catch {
      hosts.add("(unparseable URL)");
    }
  }
  return [...hosts];
}

function Scalar({ value }: { value: unknown }) {
  if (typeof value === "string") {
    return (
      <span className="break-all text-emerald-800">
        &quot;{value}&quot;
        {realHosts(value).map((host) => (
          <span key={host} className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 font-sans text-xs font-medium text-amber-900">host: {host}</span>
        ))}
      </span>
    );
  }
  if (value === null) return <span className="text-slate-500">null</span>;
  return <span className="text-sky-800">{String(value)}</span>;
}

function Node({ value, depth }: { value: unknown; depth: number }) {
  if (Array.isArray(value)) {
    if (value.length === 0) return <span>[]</span>;
    return (
      <ol className="ml-4 list-none border-l border-slate-200 pl-3">
        {value.map((item, i) => (
          <li key={i}>
            <span className="text-slate-400">{i}: </span>
            <Node value={item} depth={depth + 1} />
          </li>
        ))}
      </ol>
    );
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return <span>{"{}"}</span>;
    return (
      <ul className={depth === 0 ? "list-none" : "ml-4 list-none border-l border-slate-200 pl-3"}>
        {entries.map(([key, item]) => (
          <li key={key}>
            <span className="font-semibold text-slate-800">{key}</span>
            <span className="text-slate-400">: </span>
            <Node value={item} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  return <Scalar value={value} />;
}

export function PayloadTree({ value, testId = "payload-tree" }: { value: unknown; testId?: string }) {
  return (
    <div data-testid={testId} className="overflow-x-auto rounded-md bg-slate-50 p-3 font-mono text-sm leading-6">
      <Node value={value} depth={0} />
    </div>
  );
}
