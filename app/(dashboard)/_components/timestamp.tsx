import { absoluteTime, relativeTime } from "./format.ts";

/** An exact UTC time with a coarse relative one beside it ("… UTC (in 10 min)"). */
export function Timestamp({ date, now }: { date: Date; now: Date }) {
  return (
    <time dateTime={date.toISOString()} className="tabular-nums">
      {absoluteTime(date)} <span className="text-slate-500">({relativeTime(date, now)})</span>
    </time>
  );
}
