import { describe, expect, it } from "vitest";
import { resolveTeamsAuth } from "../../../src/channels/teams/config.ts";
import { ConfigError } from "../../../src/errors.ts";

describe("resolveTeamsAuth", () => {
  it("runs anonymously when nothing is set", () => {
    expect(resolveTeamsAuth({})).toEqual({ anonymous: true, settings: {} });
  });

  it("treats blank values as unset", () => {
    expect(resolveTeamsAuth({ appId: "  " }).anonymous).toBe(true);
  });

  it("refuses a secret without an app id instead of silently running anonymous", () => {
    expect(() => resolveTeamsAuth({ appPassword: "secret" })).toThrow(/MicrosoftAppId is missing/);
  });

  it("builds single-tenant settings, inferring the type from the tenant", () => {
    expect(resolveTeamsAuth({ appId: "id", appPassword: "pw", tenantId: "t" })).toEqual({
      anonymous: false,
      settings: {
        MicrosoftAppId: "id",
        MicrosoftAppPassword: "pw",
        MicrosoftAppType: "SingleTenant",
        MicrosoftAppTenantId: "t",
      },
    });
  });

  it("accepts a user-assigned managed identity without a secret", () => {
    const auth = resolveTeamsAuth({ appId: "id", appType: "UserAssignedMSI", tenantId: "t" });
    expect(auth.settings.MicrosoftAppType).toBe("UserAssignedMsi");
    expect(auth.settings.MicrosoftAppPassword).toBeUndefined();
  });

  it("rejects a secret alongside a managed identity", () => {
    expect(() =>
      resolveTeamsAuth({
        appId: "id",
        appType: "UserAssignedMSI",
        tenantId: "t",
        appPassword: "pw",
      }),
    ).toThrow(ConfigError);
  });

  it("requires the tenant for single-tenant and managed-identity bots", () => {
    expect(() => resolveTeamsAuth({ appId: "id", appPassword: "pw", appType: "SingleTenant" })).toThrow(
      /MicrosoftAppTenantId is required/,
    );
    expect(() => resolveTeamsAuth({ appId: "id", appType: "UserAssignedMSI" })).toThrow(
      /MicrosoftAppTenantId is required/,
    );
  });

  it("requires a secret for a password-based bot", () => {
    expect(() => resolveTeamsAuth({ appId: "id", tenantId: "t" })).toThrow(
      /MicrosoftAppPassword is required/,
    );
  });

  it("still accepts an existing multi-tenant registration", () => {
    const auth = resolveTeamsAuth({ appId: "id", appPassword: "pw" });
    expect(auth.settings.MicrosoftAppType).toBe("MultiTenant");
  });
});
