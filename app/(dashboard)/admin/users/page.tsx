import { requireSessionActor } from "@/lib/web/session.ts";
import { getCurrentUser } from "@/lib/domain/users/get-current-user.ts";
import { listUsers } from "@/lib/domain/users/list-users.ts";
import { listGroups } from "@/lib/domain/groups/list-groups.ts";
import { forbiddenToPage } from "@/lib/web/errors/to-page.ts";
import { CreateUserForm } from "./_components/create-user-form.tsx";
import { GroupChatForm } from "./_components/group-chat-form.tsx";
import { UserRow } from "./_components/user-row.tsx";

export const metadata = { title: "Users · Countersign" };

export default async function UsersPage() {
  const actor = await requireSessionActor("/admin/users");
  const users = await listUsers({ actor }).catch(forbiddenToPage);
  const groups = await listGroups({ actor });
  const me = await getCurrentUser({ actor });
  return (
    <div className="space-y-6">
      <h1 className="text-lg font-semibold">Users and groups</h1>
      {me.role === "admin" && <CreateUserForm />}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-3 py-2">User</th>
              <th className="px-3 py-2">Role</th>
              <th className="px-3 py-2">Groups</th>
              <th className="px-3 py-2">State</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <UserRow
                key={u.id}
                user={{ id: u.id, email: u.email, name: u.name, role: u.role, groups: u.groups, disabled: u.disabledAt !== null }}
                canEdit={me.role === "admin" && u.id !== me.id}
              />
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="groups" className="space-y-2">
        <h2 id="groups" className="font-semibold">
          Groups
        </h2>
        <p className="text-sm text-slate-600">
          Requests are announced to the reviewers of their approving groups in the app, by email (when SMTP is set), and in the group&apos;s
          chat through a Slack-compatible incoming webhook.
        </p>
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {groups.map((g) => (
            <li key={g.id} data-testid="group-row" className="flex flex-wrap items-center gap-3 px-3 py-2">
              <span className="font-medium">{g.name}</span>
              <span className="text-slate-500">
                {g.members} member{g.members === 1 ? "" : "s"}
              </span>
              <span className="text-xs text-slate-600">chat: {g.chat ? "configured" : "none"}</span>
              {me.role === "admin" && (
                <span className="ml-auto">
                  <GroupChatForm group={g.name} configured={g.chat} />
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
