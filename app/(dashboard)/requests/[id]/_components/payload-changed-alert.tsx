import type { ReactNode } from "react";

/**
 * The payload under review changed while the page was open (a reviewer edited it): nothing is
 * sent until the reviewer says they read the new one. Shown by the panel and by the edit dialog.
 */
export function PayloadChangedAlert({
  margin,
  onAcknowledge,
  children,
}: {
  margin: string;
  onAcknowledge?: () => void;
  children: ReactNode;
}) {
  return (
    <div role="alert" className={`${margin} rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-300`}>
      <p>{children}</p>
      <button
        type="button"
        data-testid="acknowledge-change"
        onClick={onAcknowledge}
        className="mt-2 rounded-md border border-amber-400 bg-white px-3 py-1 font-medium hover:bg-amber-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-amber-500"
      >
        I have read the new payload
      </button>
    </div>
  );
}
