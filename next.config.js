// Next.js configuration. Security headers for every response (docs/SECURITY.md). Pages get their
// Content-Security-Policy with a per-response nonce from proxy.ts; API responses get a fixed,
// deny-everything policy here (they are JSON or event streams, never documents).
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["pino", "@node-rs/argon2", "ioredis", "bullmq"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
          { key: "X-DNS-Prefetch-Control", value: "off" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
        ],
      },
      {
        // Receipt verification keys are public and meant to be fetched from anywhere, including a
        // verifier's browser page on another origin: CORS for any origin (no credentials), and a
        // resource policy that lets other origins read it. Listed after the block above, so these
        // values replace its same-origin CORP for this one path.
        source: "/.well-known/jwks.json",
        headers: [
          { key: "Access-Control-Allow-Origin", value: "*" },
          { key: "Cross-Origin-Resource-Policy", value: "cross-origin" },
        ],
      },
      {
        source: "/api/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
        ],
      },
    ];
  },
};

export default nextConfig;
