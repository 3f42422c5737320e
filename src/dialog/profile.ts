import type { KnowledgeBase, PackCopy } from "../knowledge/types.ts";
import { fillClinic } from "./replies.ts";
import type { AssistantProfile, ClinicInfo } from "./types.ts";

/** Settings win over the pack's demo contact; a setting of "" removes the field. */
export function resolveClinic(demo: ClinicInfo, settings: Partial<ClinicInfo>): ClinicInfo {
  const pick = (key: keyof ClinicInfo) => {
    const value = settings[key] !== undefined ? settings[key] : demo[key];
    return value ? { [key]: value } : {};
  };
  return {
    name: settings.name || demo.name,
    phone: settings.phone || demo.phone,
    ...pick("email"),
    ...pick("bookingUrl"),
    ...pick("hours"),
  };
}

/** The pack's copy with {clinic}, {phone}… filled in once, so channels only read it. */
export function resolveProfile(kb: KnowledgeBase, settings: Partial<ClinicInfo>): AssistantProfile {
  const clinic = resolveClinic(kb.pack.demoContact, settings);
  const fill = (text: string) => fillClinic(text, clinic);
  const c = kb.pack.copy;
  const copy: PackCopy = {
    ...c,
    welcome: fill(c.welcome),
    disclosure: fill(c.disclosure),
    smsHelp: fill(c.smsHelp),
    smsPrompt: fill(c.smsPrompt),
    widget: { ...c.widget, title: fill(c.widget.title), greeting: fill(c.widget.greeting) },
    demoPage: { ...c.demoPage, lead: fill(c.demoPage.lead) },
  };
  for (const page of ["privacy", "terms"] as const) {
    const source = c[page];
    if (source) copy[page] = { title: fill(source.title), body: fill(source.body) };
  }
  return {
    packName: kb.pack.name,
    language: kb.pack.language,
    citations: kb.pack.citations,
    clinic,
    copy,
  };
}
