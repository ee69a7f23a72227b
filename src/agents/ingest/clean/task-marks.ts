// A task list's box ("- [x] Seller onboarding sprint …", "- [ ] Loyalty double-points …") is an
// editor's checkbox, not words: left in, it reaches a slide or a post as "[x]". The item stays.
const TASK_BOX = /^\s*\[[ xX✓✔]\]\s+/;

export function withoutTaskBox(text: string): string {
  return text.replace(TASK_BOX, "");
}
