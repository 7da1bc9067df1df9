import type { TInboxQuery } from "@/lib/domain/reviews/inbox-query.ts";
import { ActionAndAgentSelects, FilterForm, FilterSelect } from "../../_components/filter-form.tsx";

type Options = { actionTypes: { key: string; name: string }[]; agents: { id: string; name: string }[] };

/** The inbox's filters and sort. */
export function InboxFilters({ query, options }: { query: TInboxQuery; options: Options }) {
  return (
    <FilterForm action="/inbox" label="Filter the inbox" columns="lg:grid-cols-[repeat(5,minmax(0,1fr))_auto]">
      <ActionAndAgentSelects options={options} action={query.action} agent={query.agent} />
      <FilterSelect name="risk" label="Risk" value={query.risk}>
        <option value="">Any risk</option>
        <option value="flagged">Flagged by the platform</option>
        <option value="medium">Medium and above</option>
        <option value="high">High and above</option>
        <option value="critical">Critical only</option>
      </FilterSelect>
      <FilterSelect name="age" label="Waiting" value={query.age}>
        <option value="">Any time</option>
        <option value="15m">More than 15 min</option>
        <option value="1h">More than 1 hour</option>
        <option value="4h">More than 4 hours</option>
        <option value="24h">More than a day</option>
      </FilterSelect>
      <FilterSelect name="sort" label="Sort by" value={query.sort}>
        <option value="deadline">Deadline (soonest first)</option>
        <option value="risk">Risk score (highest first)</option>
        <option value="age">Age (oldest first)</option>
      </FilterSelect>
    </FilterForm>
  );
}
