import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZErrorBody } from "@/lib/kernel/error-body.ts";
import { AppError } from "@/lib/kernel/errors.ts";
import { errorResponse } from "@/lib/web/errors/error-response.ts";
import { toActionResult } from "@/lib/web/errors/to-action-result.ts";
import { toCliError } from "@/lib/web/errors/to-cli-error.ts";
import { toMcpToolError } from "@/lib/web/errors/to-mcp-tool-error.ts";

// The adapters of lib/web/errors/ present one AppError each in their channel's form; a bug (any
// other thrown value) is never echoed where a caller could read it, except by the operator's CLI.
describe("error adapters", () => {
  it("HTTP: the one error body, its status, and a generic 500 for a bug", async () => {
    const refused = errorResponse(new AppError("stale", "The payload changed", { at: "/amount" }), "req-1");
    expect(refused.status).toBe(409);
    expect(ZErrorBody.strict().parse(await refused.json())).toEqual({
      error: { code: "stale", message: "The payload changed", details: { at: "/amount" } },
    });
    const bug = errorResponse(new Error("secret connection string"), "req-2");
    expect(bug.status).toBe(500);
    const text = await bug.text();
    expect(ZErrorBody.parse(JSON.parse(text)).error).toEqual({ code: "internal_error", message: "Internal error (request req-2)" });
    expect(text).not.toContain("secret");
  });

  it("MCP: a refusal is a tool error the model reads; a bug is not echoed", () => {
    expect(toMcpToolError(new AppError("not_found", "No such request", [1]), "get_request")).toEqual({
      isError: true,
      content: [{ type: "text", text: "not_found: No such request [1]" }],
    });
    const bug = toMcpToolError(new Error("secret"), "get_request");
    expect(JSON.stringify(bug)).not.toContain("secret");
    expect(bug.content).toEqual([{ type: "text", text: "internal_error: the tool failed; try again later" }]);
  });

  it("server actions: a refusal is data for the form; a bug is thrown on", () => {
    expect(toActionResult(new AppError("forbidden", "Admins only", { role: "reviewer" }))).toEqual({
      ok: false,
      error: "Admins only",
      details: { role: "reviewer" },
    });
    expect(() => toActionResult(new Error("bug"))).toThrow("bug");
  });

  it("CLI: bad arguments exit 2 as usage, a refusal exits 1 with its code", () => {
    const parsed = z.object({ agent: z.uuid() }).safeParse({ agent: "x" });
    const usage = toCliError(parsed.error, "agent:pause --agent ID");
    expect(usage.exitCode).toBe(2);
    expect(usage.error).toMatchObject({ code: "usage", message: "Invalid arguments; usage: agent:pause --agent ID" });
    expect(usage.error.details).toEqual([{ path: "agent", message: expect.any(String) }]);
    expect(toCliError(new AppError("conflict", "audit chain broken"), "audit:verify")).toEqual({
      exitCode: 1,
      error: { code: "conflict", message: "audit chain broken", details: undefined },
    });
    expect(toCliError(new Error("boom"), "x")).toEqual({ exitCode: 1, error: { code: "internal_error", message: "boom" } });
  });
});
