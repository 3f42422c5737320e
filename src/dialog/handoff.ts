/** Asking for a person, a booking, a call or a personal quote: English phrasing, not clinic content. */
const ASKS_FOR_PERSON =
  /\b(talk|speak|chat) (to|with) (a |an |the |some |real |your )*(person|human|someone|somebody|staff|doctor|dr|nurse|receptionist|team|agent|representative|practitioner|dermatologist|specialist|provider)\b|\b(real|actual|live) (person|human|agent)\b|\bcall me\b|\bcall (you|the clinic)\b|\b(phone|contact) (number|details|info)\b|\bhow (do|can) i (contact|reach|call|book)\b|\b(book|schedule|make|arrange) (a |an |my )?(appointment|consultation|consult|session|treatment)\b|\b(get|want|need) a (quote|consultation|consult)\b|\bpersonal quote\b|\bopening hours\b|\bwhere are you located\b|\b(want|like|need|wanna|how do i|where do i|help me) (to )?(book|schedule|reschedule|rebook)\b|\b(reschedule|rebook|booking link|book online)\b|\bcancel (my|the|an|a) (appointment|session|booking|consultation)\b|\b(quote|exact price|exact figure|price for me|cost me|cost for me)\b|\b(human|person|agent|operator|receptionist|someone) (please|pls|now)\b|^(human|agent|operator|receptionist|representative|real person)$|\b(ring|call|phone|text) me( back)?\b|\bmember of (staff|the team)\b|\bwho (do|should|can) i (ring|call|phone|contact|speak to|talk to)\b/;
/** "are you a real human?" asks what the bot is; it is not a request for one. */
const ASKS_WHAT_IT_IS = /\bare (you|u) (a |an )?(real |actual )?(human|person|bot|robot|ai)\b/;

export function asksForPerson(correctedText: string): boolean {
  return ASKS_FOR_PERSON.test(correctedText) && !ASKS_WHAT_IT_IS.test(correctedText);
}
