/**
 * Values that are credentials whatever their variable is called: a literal env value matching one
 * of these would sit in plain text in the Deployment, the Pulumi state, preview comments and the
 * synth artifact. Each pattern is narrow on purpose (a known prefix and a token-like tail, or a
 * password between `:` and `@`), so ordinary values pass; `$(VAR)` (Kubernetes' own expansion of
 * another variable, typically a secretKeyRef) is a reference, not a credential. Pure.
 */
export interface CredentialPattern {
  /** What the value looks like, for the error message. */
  readonly kind: string;
  readonly pattern: RegExp;
}

export const CREDENTIAL_PATTERNS: readonly CredentialPattern[] = [
  { kind: "a PEM private key", pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { kind: "an AWS access key id", pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/ },
  {
    // scheme://user:password@host; the password is neither empty nor a $(VAR) reference.
    kind: "a connection string with a password",
    pattern: /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:(?!\$\()[^@\s/]+@/i,
  },
  { kind: "a live Stripe key", pattern: /\b[sr]k_live_[0-9A-Za-z]{10,}/ },
  { kind: "a GitHub token", pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/ },
  { kind: "a Slack token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: "a bearer token", pattern: /^\s*Bearer\s+[A-Za-z0-9._~+/-]{8,}=*\s*$/i },
  {
    kind: "a JSON Web Token",
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  },
  {
    // Webhook URLs whose path is the secret: Slack, Discord, Microsoft Teams (Office 365 connectors).
    kind: "a webhook URL with its secret in the path",
    pattern:
      /^https:\/\/(hooks\.slack\.com\/(services|workflows|triggers)\/|(discord|discordapp)\.com\/api\/webhooks\/\d+\/|[\w.-]+\.webhook\.office\.com\/webhookb2\/|outlook\.office\.com\/webhook\/)[\w/@.-]{8,}/i,
  },
  {
    kind: "a URL carrying a credential in its query",
    pattern:
      /^https?:\/\/[^\s?]+\?(.*&)?(access_token|api_key|apikey|token|sig|signature|secret|password)=[^&\s$]{8,}/i,
  },
];

/** What kind of credential `value` looks like, or undefined when it looks like none. */
export function credentialKind(value: string): string | undefined {
  return CREDENTIAL_PATTERNS.find(({ pattern }) => pattern.test(value))?.kind;
}
