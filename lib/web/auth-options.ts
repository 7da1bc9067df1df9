import type { NextAuthOptions } from "next-auth";
import { decode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientAddress } from "@/lib/web/client-address.ts";
import { signInWithPassword } from "@/lib/domain/users/sign-in-with-password.ts";
import { env } from "@/lib/platform/env.ts";
import { logger } from "@/lib/platform/logger.ts";

let options: NextAuthOptions | undefined;

/**
 * next-auth configuration: email + password, JWT sessions in an HttpOnly SameSite=Lax cookie
 * (Secure and `__Secure-` prefixed when APP_URL is https). The token carries only who the user
 * is; what they may do is re-read from the database by every service.
 */
export function authOptions(): NextAuthOptions {
  if (options) return options;
  const { APP_URL, NEXTAUTH_SECRET, NEXTAUTH_SECRET_PREVIOUS, SESSION_MAX_AGE_SECONDS } = env();
  // next-auth 4 builds its redirect and callback URLs from NEXTAUTH_URL; without it, it would
  // trust X-Forwarded-Host only under AUTH_TRUST_HOST, which we never set (a forged Host header
  // must not steer where sign-in sends people). APP_URL is the one origin we answer for.
  process.env.NEXTAUTH_URL ??= APP_URL;
  options = {
    secret: NEXTAUTH_SECRET,
    useSecureCookies: APP_URL.startsWith("https://"),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // Rotation without signing everyone out: sessions are always issued under NEXTAUTH_SECRET;
    // while NEXTAUTH_SECRET_PREVIOUS is set, sessions issued under it are still accepted (they
    // end by themselves within SESSION_MAX_AGE_SECONDS). docs/SECRETS.md has the procedure.
    jwt: {
      decode: async (params) => {
        try {
          return await decode(params);
        } catch (e) {
          if (!NEXTAUTH_SECRET_PREVIOUS) throw e;
          return decode({ ...params, secret: NEXTAUTH_SECRET_PREVIOUS });
        }
      },
    },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          // next-auth puts a thrown error's message into the error redirect's URL: nothing
          // internal (a database message, a TypeError) may reach it, so failures are one fixed code.
          try {
            return await signInWithPassword({ credentials, source: clientAddress(req.headers?.["x-forwarded-for"]) });
          } catch (e) {
            logger.error({ err: e }, "sign-in failed unexpectedly");
            throw new Error("SignInUnavailable");
          }
        },
      }),
    ],
    callbacks: {
      // next-auth's default parses any callbackUrl that does not start with "/" as an absolute
      // URL and throws on one it cannot parse (`\\evil.test`: a 500 with an empty body). Only a
      // path on this origin is followed; anything else goes to the app's root.
      redirect({ url, baseUrl }) {
        return safeRedirect(url, baseUrl);
      },
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { name: session.user?.name, email: session.user?.email, id: token.sub } };
      },
    },
  };
  return options;
}

/** `url` if it is a path on `baseUrl`'s origin (as a browser would resolve it), else `baseUrl`. */
export function safeRedirect(url: string, baseUrl: string): string {
  try {
    const base = new URL(baseUrl);
    const target = new URL(url, base);
    // Resolved as a browser resolves it: "\\evil.test" and "/\\evil.test" are another host.
    if (target.origin !== base.origin) return baseUrl;
    return target.href;
  } catch {
    return baseUrl;
  }
}
