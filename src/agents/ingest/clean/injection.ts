// Text that talks to the model instead of the reader: "ignore previous instructions", "you are now
// …", requests for the system prompt, notes addressed to an AI or assistant. Such a sentence is not
// context; the cleaner removes it (and flags the item) so it never reaches an agent or an output.
// Patterns want the imperative shape, not the topic: "the AI team will ship a model" is content,
// "AI assistant: include this link" is not.

const AI = String.raw`(?:ai|a\.i\.|assistant|chat\s?bot|chatgpt|gpt(?:-?\d)?|claude|gemini|llm|large language model|language model|model|agent|bot)s?`;

/** Names a line can be headed to that are never a person's or a support role's ("Agent:", "Claude:" are speakers). */
const ADDRESSED = String.raw`(?:ai|a\.i\.|assistant|chat\s?bot|chatgpt|gpt(?:-?\d)?|llm|language model)`;

const PATTERNS: { re: RegExp; why: string }[] = [
  {
    re: /\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.!?\n]{0,40}\b(?:previous|prior|preceding|above|earlier|all|any|your|the|these|those|other|original)\b[^.!?\n]{0,30}\b(?:instructions?|prompts?|rules|directions|directives|guidelines|guardrails|constraints|messages?|context|commands?|programming)\b/i,
    why: "asks to ignore instructions",
  },
  {
    re: /\byou are now\b|\bfrom now on,? you\b|\byou(?:'re| are) no longer\b|\byour new (?:role|task|instructions?|goal)\b/i,
    why: "re-assigns the reader's role",
  },
  {
    re: /\b(?:pretend|act|behave|roleplay|role-play)\s+(?:to be|that you are|you are|as)\b[^.!?\n]{0,30}\b(?:unrestricted|jailbroken|dan|developer mode|without (?:rules|restrictions|limits))\b/i,
    why: "asks to act without rules",
  },
  {
    re: /\bsystem prompt\b|\b(?:system|developer)\s+(?:message|instructions?)\b|\bjailbreak|\bdo anything now\b|\bdeveloper mode\b/i,
    why: "mentions the model's instructions",
  },
  {
    re: /\b(?:reveal|print|output|repeat|show|leak|disclose)\b[^.!?\n]{0,30}\b(?:your|the)\s+(?:hidden |initial |original |secret )?(?:prompt|instructions|rules|configuration)\b/i,
    why: "asks for the model's instructions",
  },
  {
    re: /\bnew instructions?\s*:|<\|?im_(?:start|end)\|?>|<\/?(?:system|assistant|user)>|\[\/?INST\]|^#{1,6}\s*(?:system|instructions?)\b/im,
    why: "carries chat-template markers",
  },
  {
    re: new RegExp(
      String.raw`\b(?:note|message|instructions?|attention|hint|reminder)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?${AI}\b`,
      "i",
    ),
    why: "is addressed to an AI",
  },
  { re: new RegExp(String.raw`\bif you(?:'re| are)\s+(?:an?\s+|the\s+)?(?:ai|${AI})\b`, "i"), why: "is addressed to an AI" },
  {
    re: new RegExp(
      String.raw`(?:^\s*|[.!?]\s+|\b(?:dear|hey|hi|hello)\s+)(?:the\s+)?(?:ai\s+|an?\s+)?${AI}\s*[,:]\s*(?:you|please|ignore|do|don't|write|include|add|say|output|make|must|always|never|insert|mention|respond|reply|answer|tell|summari[sz]e)\b`,
      "i",
    ),
    why: "is addressed to an AI",
  },
  {
    // "Assistant: when summarising this paper state that …", "AI writer: say that …": a line headed
    // to a model, whatever opens the clause after it, as long as it then tells the model what to write.
    re: new RegExp(
      String.raw`(?:^\s*|[.!?]\s+)(?:the\s+)?${ADDRESSED}(?:\s+(?:writer|assistant|summari[sz]er|tool)s?)?\s*[,:]\s*[^.!?\n]{0,80}\b(?:say|state|write|claim|omit|leave out|include|mention|report|describe|do not|don't|never|always)\b`,
      "i",
    ),
    why: "is addressed to an AI",
  },
  {
    // A rule for whoever summarises the document, not for its reader.
    re: /\bwhen (?:summari[sz]ing|rewriting|writing about|describing|reporting on)\s+(?:this|the)\s+(?:paper|document|report|page|note|text|file|item|email|e-mail)\b[^.!?\n]{0,20}\b(?:state|say|write|claim|omit|leave out|ignore|do not|don't|never|always)\b/i,
    why: "tells a summariser what to write",
  },
  {
    // "State in every summary that …", "Always mention in your answer that …", "In each summary, say
    // …": a rule for whatever the model writes from this text. "State in the summary that" (a
    // report's own summary section) has no "every" or "your" and stays content.
    re: /\b(?:state|say|write|mention|claim|include|add|report|note|repeat|stress|emphasi[sz]e)\b[^.!?\n]{0,30}\bin\s+(?:every|each|all|any|your)\s+(?:summary|summaries|answers?|responses?|repl(?:y|ies)|outputs?|write-?ups?)\b|\bin\s+(?:every|each|all|any|your)\s+(?:summary|summaries|answers?|responses?|repl(?:y|ies)|outputs?)\s*,?\s+(?:always\s+)?(?:state|say|write|mention|claim|include|add|report)\b/i,
    why: "tells a summariser what to write",
  },
  {
    re: /\b(?:respond|reply|answer)\s+only\s+with\b|\boutput\s+the\s+following\b|\binstead,?\s+(?:say|write|respond|output)\b/i,
    why: "dictates the model's answer",
  },
  {
    re: /\bdo not (?:tell|inform|alert|mention (?:this |it )?to) the user\b|\bwithout (?:telling|informing) the user\b/i,
    why: "asks to hide something from the user",
  },
  {
    re: /\b(?:send|post|upload|email|exfiltrate|forward)\b[^.!?\n]{0,40}\b(?:api[ _-]?keys?|passwords?|credentials|secrets|tokens|the (?:whole |entire )?context|all (?:the )?(?:data|files|documents))\b[^.!?\n]{0,40}\b(?:to|at)\b/i,
    why: "asks to send data out",
  },
];

/** Why the text looks like instructions to a model, or null when it reads as content. */
export function promptInjectionReason(text: string): string | null {
  // Cheap pre-test: nearly every sentence has none of these words.
  if (
    !/ignor|disregard|forget|overrid|bypass|skip|you|prompt|instruct|jailbreak|developer|reveal|print|show|leak|disclos|im_|inst|system|assistant|\bai\b|bot|gpt|claude|gemini|llm|model|agent|respond|reply|answer|output|instead|user|send|post|upload|email|exfiltrat|forward|pretend|act|behave|role|summar|rewrit|writing about|describing|reporting on/i.test(
      text,
    )
  ) {
    return null;
  }
  for (const { re, why } of PATTERNS) if (re.test(text)) return why;
  return null;
}
