// The demo's stream of work: mostly low-risk tasks the agent just does, now and then a
// high-stakes payment that needs approval, and small payments that policy approves at once.

export type DemoTask =
  | { n: number; kind: "low"; title: string; workMs: number }
  | {
      n: number;
      kind: "payment";
      title: string;
      payload: { amount: number; currency: "USD" | "EUR"; to: string; memo: string };
      requestId?: string;
    };

const LOW = [
  "Summarise support ticket",
  "Classify inbound email",
  "Read runbook page",
  "Draft reply to customer",
  "Tag invoice PDF",
  "Update CRM note",
];

export function taskNumber(n: number, s: { firstHigh: number; highEvery: number }): DemoTask {
  const high = n === s.firstHigh || (s.highEvery > 0 && n > s.firstHigh && (n - s.firstHigh) % s.highEvery === 0);
  if (high) {
    const amount = 150 + ((n * 7919) % 4850);
    return {
      n,
      kind: "payment",
      title: `Pay invoice INV-${1000 + n}`,
      payload: { amount, currency: "USD", to: `acct_${(n * 7919) % 100000}`, memo: `INV-${1000 + n}` },
    };
  }
  if (n % 9 === 0) {
    return {
      n,
      kind: "payment",
      title: `Refund order #${n}`,
      payload: { amount: 10 + (n % 80), currency: "EUR", to: `cust_${n}`, memo: `refund #${n}` },
    };
  }
  return { n, kind: "low", title: `${LOW[n % LOW.length]} #${n}`, workMs: 80 + ((n * 53) % 220) };
}
