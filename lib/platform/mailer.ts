import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/platform/env.ts";

const globalForMail = globalThis as unknown as { countersignMailer?: Transporter };

/** The SMTP transport from SMTP_URL (smtp:// or smtps://, credentials in the URL). */
export function mailer(): Transporter {
  const url = env().SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not set");
  globalForMail.countersignMailer ??= nodemailer.createTransport(url);
  return globalForMail.countersignMailer;
}
