"use client";

import { useState } from "react";
import type { Role } from "@/lib/domain/auth/actor.ts";
import { createUserAction } from "../actions.ts";

const field =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:outline-none focus:ring-2 focus:ring-slate-400";

export function CreateUserForm() {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const get = (k: string) => String(form.get(k) ?? "");
    const result = await createUserAction({
      email: get("email"),
      name: get("name"),
      password: get("password"),
      role: get("role") as Role,
      groups: get("groups"),
    });
    setMessage(result.ok ? { ok: true, text: `Created ${result.data.email}.` } : { ok: false, text: result.error });
    if (result.ok) formEl.reset();
  }

  return (
    <section aria-labelledby="new-user" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="new-user" className="font-semibold">
        New user
      </h2>
      <form onSubmit={onSubmit} className="mt-2 grid gap-3 sm:grid-cols-5">
        <label className="text-sm text-slate-700">
          Email
          <input name="email" type="email" required autoComplete="off" className={field} />
        </label>
        <label className="text-sm text-slate-700">
          Name
          <input name="name" className={field} />
        </label>
        <label className="text-sm text-slate-700">
          Initial password
          <input name="password" type="password" required minLength={12} autoComplete="new-password" className={field} />
        </label>
        <label className="text-sm text-slate-700">
          Role
          <select name="role" defaultValue="reviewer" className={field}>
            <option>reviewer</option>
            <option>auditor</option>
            <option>admin</option>
          </select>
        </label>
        <label className="text-sm text-slate-700">
          Groups
          <input name="groups" placeholder="finance, ops" className={field} />
        </label>
        <div className="sm:col-span-5">
          <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
            Create user
          </button>
        </div>
      </form>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`mt-2 text-sm ${message.ok ? "text-emerald-800" : "text-red-700"}`}>
          {message.text}
        </p>
      )}
    </section>
  );
}
