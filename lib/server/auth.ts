import type { NextAuthOptions } from "next-auth";
import { decode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticateUser } from "@/lib/users/authenticate-user.ts";
import { clearFailedSignIns, recordFailedSignIn, signInBlocked } from "@/lib/users/sign-in-throttle.ts";
import { env } from "./env.ts";

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
        async authorize(credentials) {
          if (!credentials?.email || !credentials.password) return null;
          const email = credentials.email.trim().toLowerCase();
          if (await signInBlocked(email)) return null;
          const user = await authenticateUser({ email, password: credentials.password });
          if (!user) {
            await recordFailedSignIn(email);
            return null;
          }
          await clearFailedSignIns(email);
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
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
