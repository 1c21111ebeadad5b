/**
 * One redaction rule for everything that leaves the process: files prevod writes (outputs,
 * recordings, the cache, run state) and its stdout and stderr. Credentials can enter through
 * endpoint URLs (user:password@, ?api-key=…), key variables, and servers that echo a request's
 * Authorization header in an error body; none of them may reach a file or a stream.
 *
 * Replaced by "***": URL userinfo, key-like query parameters (api-key, key, token, access_token,
 * password, secret, sig, …, also with a prefix such as subscription-key), Authorization-like
 * header values, `Bearer …` and base64 `Basic …` credentials, `sk-…` keys, and every value
 * registered with {@link registerSecret} (the values of the configured key variables).
 *
 * Values never contain a quote or a backslash, so redacting JSON text leaves valid JSON.
 */

const MASK = "***";
const secrets = new Set<string>();
let ordered: string[] = [];

/** Secrets shorter than this are not registered: replacing "1" or "abc" everywhere would ruin the text. */
const MIN_SECRET_LENGTH = 6;

/**
 * Adds a value that must never be written: the value of a key variable, a URL's password. Its
 * URL-encoded, JSON-escaped and base64 forms are registered too.
 */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH) return;
  const forms = [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1), Buffer.from(value).toString("base64").replace(/=+$/, "")];
  let added = false;
  for (const form of forms) {
    if (form.length >= MIN_SECRET_LENGTH && !secrets.has(form)) {
      secrets.add(form);
      added = true;
    }
  }
  if (added) ordered = [...secrets].sort((a, b) => b.length - a.length);
}

/** Registers the credentials a URL carries (its password, user:password and their Basic form). */
export function registerUrlSecrets(url: string | undefined): void {
  if (!url) return;
  try {
    const parsed = new URL(url);
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    if (password) {
      registerSecret(password);
      registerSecret(`${user}:${password}`);
    } else if (user) registerSecret(user);
    for (const [name, value] of parsed.searchParams) if (KEY_NAME.test(name)) registerSecret(value);
  } catch {
    // Not a URL: nothing to register.
  }
}

/** Registers the values of the named environment variables (the configured key variables). */
export function registerEnvironmentSecrets(environment: NodeJS.ProcessEnv, names: Iterable<string>): void {
  for (const name of names) registerSecret(environment[name]);
}

/** Forgets every registered secret (tests). */
export function clearSecrets(): void {
  secrets.clear();
  ordered = [];
}

/** True for a query parameter name that carries a credential (api-key, access_token, subscription-key, sig, …). */
export function isCredentialParameter(name: string): boolean {
  return KEY_NAME.test(name);
}

const KEY_NAME = /^(?:[a-z0-9]*[-_])*(?:api[-_]?key|apikey|key|token|access[-_]?token|auth|password|passwd|pwd|secret|sig|signature)$/i;
const VALUE = String.raw`[^\s"'\\<>&#;]+`;
const RULES: Array<[RegExp, string]> = [
  // scheme://user:password@host → scheme://***@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'\\<>]+@/gi, `$1${MASK}@`],
  // ?api-key=… &access_token=… ;sig=…
  [new RegExp(String.raw`([?&;](?:[a-z0-9]*[-_])*(?:api[-_]?key|apikey|key|token|access[-_]?token|auth|password|passwd|pwd|secret|sig|signature)=)${VALUE}`, "gi"), `$1${MASK}`],
  // Authorization: Bearer …, "x-api-key":"…" (a header echoed in an error body); values that look like
  // credentials (8+ characters with a digit, or 16+), so a message naming the api_key option keeps it
  [/\b((?:proxy-)?authorization|x-api-key|api[-_]key|x-auth-token)(["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|token)\s+)?(?!\*\*\*)(?:(?=[^\s"'\\,;}]*\d)[^\s"'\\,;}]{8,}|[^\s"'\\,;}]{16,})/gi, `$1$2${MASK}`],
  [/\bBearer\s+(?!\*\*\*)[A-Za-z0-9._~+/=-]{8,}/g, `Bearer ${MASK}`],
  [/\bBasic\s+(?=[A-Za-z0-9+/]*[0-9+/])[A-Za-z0-9+/]{8,}={0,2}/g, `Basic ${MASK}`],
  [/\bsk-[A-Za-z0-9_-]{8,}/g, `sk-${MASK}`],
];

/** `text` with every credential replaced by "***" (see the module comment). */
export function redact(text: string): string {
  let result = text;
  for (const secret of ordered) if (result.includes(secret)) result = result.split(secret).join(MASK);
  for (const [pattern, replacement] of RULES) result = result.replace(pattern, replacement);
  return result;
}

/** A copy of a JSON-like value with every string redacted. */
export function redactDeep<T>(value: T): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item)])) as T;
  }
  return value;
}

/**
 * Makes `stream.write` redact what it writes (the CLI's stdout and stderr), so no message,
 * warning, progress line or plan printed can carry a credential.
 */
export function redactStream(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === "string") return write(redact(chunk), ...rest);
    if (chunk instanceof Uint8Array) return write(redact(Buffer.from(chunk).toString("utf8")), ...rest);
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
