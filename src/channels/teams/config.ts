import { ConfigError } from "../../errors.ts";

/** How the Teams channel authenticates. */
export interface TeamsConfig {
  /** The Azure Bot's Microsoft App ID (MicrosoftAppId). Unset: anonymous local mode. */
  appId?: string;
  /** Client secret (MicrosoftAppPassword); not used with a managed identity. */
  appPassword?: string;
  /** MicrosoftAppType; inferred as SingleTenant when a tenant is given, else MultiTenant (legacy). */
  appType?: "SingleTenant" | "UserAssignedMSI" | "MultiTenant";
  /** MicrosoftAppTenantId: required for SingleTenant and UserAssignedMSI. */
  tenantId?: string;
  /** Hosts a serviceUrl may name besides Bot Framework's own (TEAMS_SERVICE_URL_HOSTS); "*." for subdomains. */
  serviceUrlHosts?: readonly string[];
}

/** The settings object botbuilder's ConfigurationBotFrameworkAuthentication reads (a type alias, so it
 * fits botbuilder's index-signature options type). */
export type BotFrameworkSettings = {
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppType?: string;
  MicrosoftAppTenantId?: string;
};

export interface ResolvedTeamsAuth {
  /** True when no app id is set: requests are accepted without a token (local testing only). */
  anonymous: boolean;
  settings: BotFrameworkSettings;
}

const clean = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/**
 * Checks the credential combination up front, so a half-configured production bot fails at start
 * instead of silently running anonymous or failing on its first reply.
 */
export function resolveTeamsAuth(config: TeamsConfig): ResolvedTeamsAuth {
  const appId = clean(config.appId);
  const password = clean(config.appPassword);
  const tenantId = clean(config.tenantId);
  if (!appId) {
    if (password || tenantId || config.appType) {
      throw new ConfigError(
        "Teams: MicrosoftAppId is missing while MicrosoftAppPassword, MicrosoftAppType or MicrosoftAppTenantId is set. " +
          "Set MicrosoftAppId to the Azure Bot's app id, or unset all four to run anonymously for local testing.",
      );
    }
    return { anonymous: true, settings: {} };
  }
  const appType = config.appType ?? (tenantId ? "SingleTenant" : "MultiTenant");
  if ((appType === "SingleTenant" || appType === "UserAssignedMSI") && !tenantId) {
    throw new ConfigError(
      `Teams: MicrosoftAppTenantId is required when MicrosoftAppType is ${appType}. ` +
        "Set it to the Microsoft Entra tenant id shown on the Azure Bot's Configuration page.",
    );
  }
  if (appType === "UserAssignedMSI" && password) {
    throw new ConfigError(
      "Teams: MicrosoftAppPassword must not be set with MicrosoftAppType UserAssignedMSI (the managed identity has no secret). Unset it.",
    );
  }
  if (appType !== "UserAssignedMSI" && !password) {
    throw new ConfigError(
      `Teams: MicrosoftAppPassword is required with MicrosoftAppType ${appType}. ` +
        "Create a client secret for the bot's app registration and set it, or use a managed identity (UserAssignedMSI).",
    );
  }
  return {
    anonymous: false,
    settings: {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: password,
      MicrosoftAppType: appType === "UserAssignedMSI" ? "UserAssignedMsi" : appType,
      MicrosoftAppTenantId: tenantId,
    },
  };
}
