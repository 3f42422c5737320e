import { createRequire } from "node:module";

interface CompositeMapper {
  type: { name: string; additionalProperties?: { type: { name: string } } };
}

/**
 * botbuilder 4.23 serialises outgoing entities through a schema that only knows `type`, `text` and
 * `mentioned`, so the citation entity's `@type`, `@context` and `citation` never reach Teams.
 * Marking the Entity schema open (as upstream did in botbuilder-js PR #2648, lost when the connector
 * moved to @azure/core-client) lets every entity property through unchanged.
 * Returns false when botbuilder's internals have moved, so the caller can warn.
 */
export function keepEntityProperties(): boolean {
  try {
    // Resolve the connector botbuilder itself uses, so the patched schema is the one it serialises with.
    const fromBotbuilder = createRequire(createRequire(import.meta.url).resolve("botbuilder"));
    const mappers = fromBotbuilder("botframework-connector/lib/connectorApi/models/mappers") as {
      Entity?: CompositeMapper;
    };
    const entity = mappers.Entity;
    if (entity?.type.name !== "Composite") return false;
    entity.type.additionalProperties ??= { type: { name: "any" } };
    return true;
  } catch {
    return false; // layout changed in a newer botbuilder: reported by the caller
  }
}
