// The Content-Security-Policy of every page (docs/SECURITY.md). Scripts run only with this
// response's nonce (Next.js puts it on its own scripts; 'strict-dynamic' lets those load their
// chunks); no inline script, no eval, nothing from another origin. Agent-written content can
// therefore neither run code nor make the browser fetch anything elsewhere: img, media, frames,
// fonts and connections are same-origin only (data: images for the inline icon).

/** A fresh, unguessable nonce per response (128 bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function pageContentSecurityPolicy(options: { nonce: string; dev?: boolean; https?: boolean }): string {
  const { nonce } = options;
  const directives = [
    "default-src 'self'",
    // React's development build needs eval for its call stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // Tailwind is one same-origin stylesheet; Next.js adds nonce'd <style> tags at most.
    `style-src 'self' 'nonce-${nonce}'`,
    // No style="" attributes anywhere: agent text cannot restyle the page (e.g. to overlay it).
    "style-src-attr 'none'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
