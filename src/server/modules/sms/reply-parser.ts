// Replies to a "0–10" SMS: "9", "9 hyvä palvelu", "9/10", "9/10, kiitos"; a stop word alone opts out for good.
// Anything else is a comment without a score.

export type ParsedReply =
  | { kind: 'stop' }
  | { kind: 'answer'; score: number | undefined; comment: string | undefined }
  | { kind: 'empty' };

const STOP_WORDS = new Set(['stop', 'lopeta', 'sluta', 'stopp', 'lopetus']);
const SCORE = /^(10|[0-9])(?:\s*\/\s*10)?(?![0-9/])[\s.,;:!-]*([\s\S]*)$/;

export function parseReply(text: string): ParsedReply {
  const trimmed = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (trimmed === '') return { kind: 'empty' };
  const word = trimmed.toLowerCase().replace(/[.!]+$/, '');
  if (STOP_WORDS.has(word)) return { kind: 'stop' };
  const match = SCORE.exec(trimmed);
  if (match) {
    const comment = (match[2] ?? '').trim();
    return { kind: 'answer', score: Number(match[1]), comment: comment === '' ? undefined : comment };
  }
  return { kind: 'answer', score: undefined, comment: trimmed };
}
