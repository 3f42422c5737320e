export { SmsBot } from "./bot.ts";
export { classifyKeyword, type SmsKeyword } from "./keywords.ts";
export {
  renderChoices,
  renderConflict,
  renderSmsReply,
  renderSources,
  type SmsRendering,
  type SmsRenderOptions,
  shortenTitle,
  stripMarkdown,
} from "./render.ts";
export {
  createSmsResponder,
  DISCLOSURE,
  MORE_PROMPT,
  type SmsLogger,
  type SmsResponder,
  type SmsResponderDeps,
} from "./respond.ts";
export {
  createSmsRoute,
  DEFAULT_SMS_MAX_LENGTH,
  maxSegmentsFor,
  type SmsConfig,
  type SmsRoute,
  type SmsRouteDeps,
} from "./route.ts";
export {
  countSegments,
  detectEncoding,
  fitToSegments,
  SEGMENT_LIMITS,
  type SegmentInfo,
  type SmsEncoding,
  segmentCapacity,
  toGsm7Friendly,
} from "./segments.ts";
export {
  createMemoryOptOutStore,
  createMemorySeenMessages,
  createMemorySmsSessionStore,
  E164,
  hashPhoneNumber,
  type OptOutStore,
  type SeenMessages,
  type SmsSession,
  type SmsSessionStore,
} from "./state.ts";
export {
  SMS_CHANNEL_ID,
  TwilioAdapter,
  type TwilioAdapterOptions,
  type TwilioParams,
} from "./twilio-adapter.ts";
export { escapeXml, renderTwiml } from "./twiml.ts";
export { computeTwilioSignature, isValidTwilioSignature, signedUrl, smsSignatureFailures } from "./verify.ts";
