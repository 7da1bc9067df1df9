// Console output that makes the concurrency visible: one line per event, with the time, the task
// number and a fixed-width verb, and a status line every few seconds.

const time = () => new Date().toISOString().slice(11, 23);

export function line(n: number | null, verb: string, text: string): void {
  const task = n === null ? "    " : `#${String(n).padEnd(3)}`;
  console.log(`${time()}  ${task}  ${verb.padEnd(11)} ${text}`);
}

export const money = (p: { amount: number; currency: string }) => `${p.amount.toLocaleString("en-US")} ${p.currency}`;
