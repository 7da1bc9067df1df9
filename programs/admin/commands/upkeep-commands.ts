import { z } from "zod";
import { CLI, type Command } from "../command.ts";
import { verifyAuditChain } from "@/lib/domain/audit/verify-audit-chain.ts";
import { rotateReceiptKey } from "@/lib/domain/receipts/rotate-receipt-key.ts";
import { purgeRequestContent } from "@/lib/domain/requests/purge-request-content.ts";
import { AppError } from "@/lib/kernel/errors.ts";

/** Upkeep: `retention:purge`, `receipt:key:rotate`, `audit:verify`. */
export const upkeepCommands: Record<string, Command> = {
  "retention:purge": {
    usage: "--older-than-days N",
    options: { "older-than-days": { type: "string" } },
    run: async (v) => {
      const a = z.object({ "older-than-days": z.coerce.number().int().min(0) }).parse(v);
      return purgeRequestContent({ actor: CLI, olderThanDays: a["older-than-days"] });
    },
  },
  "receipt:key:rotate": {
    usage: "",
    options: {},
    run: async () => rotateReceiptKey({ actor: CLI }),
  },
  "audit:verify": {
    usage: "",
    options: {},
    run: async () => {
      const result = await verifyAuditChain();
      if (!result.ok) {
        const { firstBad } = result;
        throw new AppError(
          "conflict",
          `audit chain broken at event ${firstBad.id} (seq ${firstBad.seq ?? "?"}): ${firstBad.reason}`,
          result,
        );
      }
      return result;
    },
  },
};
