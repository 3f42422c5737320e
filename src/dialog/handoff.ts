/** Asking for a person, a booking, a call or a personal quote: English phrasing, not clinic content. */
const ASKS_FOR_PERSON =
  /\b(talk|speak|chat) (to|with) (a |an |the |some |real |your )*(person|human|someone|somebody|staff|doctor|dr|nurse|receptionist|team|agent|representative|practitioner|dermatologist|specialist|provider)\b|\b(real|actual|live) (person|human|agent)\b|\bcall me\b|\bcall (you|the clinic)\b|\b(phone|contact) (number|details|info)\b|\bhow (do|can) i (contact|reach|call|book)\b|\b(book|schedule|make|arrange) (a |an |my )?(appointment|consultation|consult|session|treatment)\b|\b(get|want|need) a (quote|consultation|consult)\b|\bpersonal quote\b|\bopening hours\b|\bwhere are you located\b|\b(book|booking|rebook|reschedule)\b|\bcancel (my|the|an|a) (appointment|session|booking|consultation)\b|\b(quote|exact price|price for me|cost me|cost for me)\b|\b(human|person|agent|operator|receptionist|someone) (please|pls|now)\b|^(human|agent|operator|receptionist|representative|real person)$/;

export function asksForPerson(correctedText: string): boolean {
  return ASKS_FOR_PERSON.test(correctedText);
}
