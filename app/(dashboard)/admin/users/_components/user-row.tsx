"use client";

import { useState } from "react";
import type { Role } from "@/lib/domain/auth/actor.ts";
import { updateUserAction } from "../actions.ts";

type Props = { user: { id: string; email: string; name: string; role: Role; groups: string[]; disabled: boolean }; canEdit: boolean };

export function UserRow({ user, canEdit }: Props) {
  const [groups, setGroups] = useState(user.groups.join(", "));
  const [error, setError] = useState("");
  const update = async (input: Parameters<typeof updateUserAction>[1]) => {
    const result = await updateUserAction(user.id, input);
    setError(result.ok ? "" : result.error);
  };
  return (
    <tr data-testid="user-row">
      <td className="px-3 py-2">
        <div className="font-medium">{user.name}</div>
        <div className="text-xs text-slate-500">{user.email}</div>
      </td>
      <td className="px-3 py-2">
        {canEdit ? (
          <select
            defaultValue={user.role}
            aria-label={`Role of ${user.email}`}
            onChange={(e) => void update({ role: e.target.value as Role })}
            className="rounded border border-slate-300 px-2 py-1"
          >
            <option>reviewer</option>
            <option>auditor</option>
            <option>admin</option>
          </select>
        ) : (
          user.role
        )}
      </td>
      <td className="px-3 py-2">
        {canEdit ? (
          <span className="flex gap-1">
            <input
              value={groups}
              onChange={(e) => setGroups(e.target.value)}
              aria-label={`Groups of ${user.email}`}
              className="w-48 rounded border border-slate-300 px-2 py-1"
            />
            <button
              type="button"
              onClick={() => void update({ groups })}
              className="rounded border border-slate-300 px-2 text-xs hover:bg-slate-50"
            >
              Save
            </button>
          </span>
        ) : (
          user.groups.join(", ")
        )}
      </td>
      <td className="px-3 py-2">
        {user.disabled ? <span className="text-red-700">disabled</span> : <span className="text-emerald-700">active</span>}
        {canEdit && (
          <button
            type="button"
            onClick={() => void update({ disabled: !user.disabled })}
            className="ml-2 rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
          >
            {user.disabled ? "Enable" : "Disable"}
          </button>
        )}
        {error && (
          <div role="alert" className="text-xs text-red-700">
            {error}
          </div>
        )}
      </td>
    </tr>
  );
}
