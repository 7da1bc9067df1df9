import { z } from "zod";
import { CLI, str, type Command } from "../command.ts";
import { createUser } from "@/lib/domain/users/create-user.ts";

/** Users: `user:create`. */
export const userCommands: Record<string, Command> = {
  "user:create": {
    usage: "--email E --password P --role admin|reviewer|auditor [--group G]... [--name N]",
    options: {
      email: { type: "string" },
      password: { type: "string" },
      role: { type: "string" },
      group: { type: "string", multiple: true },
      name: { type: "string" },
    },
    run: async (v) => {
      const a = z
        .object({
          email: str,
          password: str,
          role: z.enum(["admin", "reviewer", "auditor"]),
          group: z.array(str).optional(),
          name: str.optional(),
        })
        .parse(v);
      return createUser({ actor: CLI, email: a.email, password: a.password, role: a.role, groups: a.group, name: a.name });
    },
  },
};
