import diff from "microdiff";
import { VisibleText } from "../../../_components/visible-text.tsx";

const MAX_SHOWN = 400;

function pointer(path: (string | number)[]): string {
  return path.length === 0 ? "(whole payload)" : "/" + path.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length - MAX_SHOWN} more characters)` : text;
}

type Change = { kind: "added" | "removed" | "changed"; path: string; before?: unknown; after?: unknown };

/** Every difference between two payloads, as JSON pointers with the value before and after. */
export function payloadChanges(before: unknown, after: unknown): Change[] {
  const objects =
    before !== null &&
    after !== null &&
    typeof before === "object" &&
    typeof after === "object" &&
    Array.isArray(before) === Array.isArray(after);
  if (!objects) return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ kind: "changed", path: pointer([]), before, after }];
  const changes: Change[] = diff(before as Record<string, unknown>, after as Record<string, unknown>).map((d) =>
    d.type === "CREATE"
      ? { kind: "added", path: pointer(d.path), after: d.value }
      : d.type === "REMOVE"
        ? { kind: "removed", path: pointer(d.path), before: d.oldValue }
        : { kind: "changed", path: pointer(d.path), before: d.oldValue, after: d.value },
  );
  // In path order, like the payload tree (whose keys are sorted).
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const STYLE = {
  added: "bg-emerald-50 ring-emerald-200",
  removed: "bg-red-50 ring-red-200",
  changed: "bg-amber-50 ring-amber-200",
} as const;

/** The original-vs-edited diff a reviewer confirms before approving an edited payload. */
export function PayloadDiff({ before, after }: { before: unknown; after: unknown }) {
  const changes = payloadChanges(before, after);
  if (changes.length === 0) return <p className="text-sm text-slate-600">No changes.</p>;
  return (
    <ul data-testid="edit-diff" className="space-y-2 font-mono text-xs">
      {changes.map((c, i) => (
        <li key={i} data-testid="diff-entry" className={`rounded-md p-2 ring-1 ${STYLE[c.kind]}`}>
          <div className="font-sans text-xs font-semibold uppercase tracking-wide text-slate-700">
            {c.kind}{" "}
            <span className="font-mono normal-case tracking-normal">
              <VisibleText text={c.path} />
            </span>
          </div>
          {c.kind !== "added" && (
            <div className="mt-1 [overflow-wrap:anywhere]">
              <span className="font-sans text-slate-600">before </span>
              <del className="text-red-800">
                <VisibleText text={shown(c.before)} />
              </del>
            </div>
          )}
          {c.kind !== "removed" && (
            <div className="mt-1 [overflow-wrap:anywhere]">
              <span className="font-sans text-slate-600">after </span>
              <ins className="text-emerald-800 no-underline">
                <VisibleText text={shown(c.after)} />
              </ins>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
