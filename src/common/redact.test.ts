import { afterEach, describe, expect, it } from "vitest";
import { clearSecrets, isCredentialParameter, redact, redactDeep, registerEnvironmentSecrets, registerUrlSecrets } from "./redact.js";

afterEach(() => clearSecrets());

describe("redact (issue 13: credentials in endpoint URLs and error texts leaked into every output)", () => {
  it("removes URL userinfo and key-like query parameters, keeping the rest of the URL", () => {
    expect(redact("GET http://u:S3CRET@127.0.0.1:8080/v1/chat?api-version=2024&api-key=S3CRET2&x=1 failed")).toBe(
      "GET http://***@127.0.0.1:8080/v1/chat?api-version=2024&api-key=***&x=1 failed",
    );
    expect(redact("https://h/feed.xml?access_token=abc123&subscription-key=zzz;sig=qq")).toBe("https://h/feed.xml?access_token=***&subscription-key=***;sig=***");
    expect(redact("https://h/a?monkey=banana&keyword=x")).toBe("https://h/a?monkey=banana&keyword=x");
  });

  it("removes Bearer and Basic credentials, echoed Authorization-like headers and sk- keys", () => {
    expect(redact('{"error":"bad request","headers":{"authorization":"Bearer abc.DEF-123_xyz","x-api-key":"HEADERKEY9"}}')).toBe(
      '{"error":"bad request","headers":{"authorization":"***","x-api-key":"***"}}',
    );
    expect(redact("Authorization: Basic dTpTM0NSRVQ= was refused")).toBe("Authorization: *** was refused");
    expect(redact("key sk-proj-AbCdEf123456 is invalid")).toBe("key sk-*** is invalid");
    expect(redact("Basic income and the bearer of bad news")).toBe("Basic income and the bearer of bad news");
  });

  it("removes the registered values of key variables and URL passwords, in plain, URL-encoded and Basic form", () => {
    registerEnvironmentSecrets({ MY_GATEWAY_KEY: "plain-secret/value+1" }, ["MY_GATEWAY_KEY"]);
    registerUrlSecrets("http://user:pa%24%24word@host/v1");
    const basic = Buffer.from("user:pa$$word").toString("base64");
    expect(redact("echo plain-secret/value+1 and plain-secret%2Fvalue%2B1")).toBe("echo *** and ***");
    expect(redact(`pa$$word then ${basic}`)).not.toMatch(/pa\$\$word|dXNlcjpwYSQkd29yZA/);
  });

  it("keeps JSON valid: values stop at quotes and backslashes", () => {
    const json = JSON.stringify({ message: 'GET https://h/x?token=abc"def\\ghi failed', other: "Bearer 12345678901\"" });
    expect(() => JSON.parse(redact(json))).not.toThrow();
    expect(redactDeep({ a: ["http://u:p@h/"], n: 1 })).toEqual({ a: ["http://***@h/"], n: 1 });
  });

  it("knows credential parameter names", () => {
    expect(["api-key", "api_key", "apikey", "key", "token", "access_token", "subscription-key", "sig", "password"].every(isCredentialParameter)).toBe(true);
    expect(["page", "id", "monkey", "keyword", "utm_source"].some(isCredentialParameter)).toBe(false);
  });
});

describe("redact keeps what is not a credential", () => {
  it("leaves a message that names the api_key option alone", () => {
    expect(redact("models.cloud.api_key: 'api_key' is not allowed")).toBe("models.cloud.api_key: 'api_key' is not allowed");
  });
});
