import NextAuth from "next-auth";
import { authOptions } from "@/lib/web/auth-options.ts";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

// GET|POST /api/auth/* — next-auth: sign-in (credentials, CSRF-protected), sign-out, session
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, { params: await ctx.params });
}

export { handler as GET, handler as POST };

// Other methods: 405 with Allow and the JSON error body
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
