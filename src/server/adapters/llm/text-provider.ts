import { redactText } from '../../../shared/redaction.ts';

// Optional stronger models for text analysis, off by default: an OpenAI-compatible chat-completions endpoint (a
// self-hosted model or a contracted service) writes summaries of a theme's comments and names new clusters.
// Only redacted text ever leaves the process: every comment goes through redactText() here, whatever the caller
// passed, and the request carries no ids, units or dates.

export interface ThemeSummaryInput {
  /** The theme's name in the answer language. */
  theme: string;
  language: 'fi' | 'sv' | 'en';
  comments: string[];
}

export interface TextProvider {
  summariseTheme(input: ThemeSummaryInput): Promise<string>;
  nameCluster(input: { language: 'fi' | 'sv' | 'en'; comments: string[] }): Promise<string>;
}

export class TextProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TextProviderError';
  }
}

export interface OpenAiCompatibleOptions {
  /** Base URL up to and including /v1, e.g. http://llm.internal:8000/v1 */
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  /** Most comments sent per request (default 50), each cut to 500 characters. */
  maxComments?: number;
}

const LANGUAGE_NAMES = { fi: 'Finnish', sv: 'Swedish', en: 'English' } as const;

interface ChatResponse {
  choices?: { message?: { content?: unknown } }[];
}

export function createOpenAiCompatibleProvider(options: OpenAiCompatibleOptions): TextProvider {
  const maxComments = options.maxComments ?? 50;
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;

  function prepare(comments: string[]): string {
    return comments
      .slice(0, maxComments)
      .map((c) => `- ${redactText(c).text.replace(/\s+/g, ' ').slice(0, 500)}`)
      .join('\n');
  }

  async function complete(system: string, user: string): Promise<string> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 30_000);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: options.model,
          temperature: 0.2,
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: user },
          ],
        }),
        signal: controller.signal,
      });
      if (!response.ok) throw new TextProviderError(`the endpoint answered HTTP ${response.status}`);
      const body = (await response.json()) as ChatResponse;
      const content = body.choices?.[0]?.message?.content;
      if (typeof content !== 'string' || !content.trim())
        throw new TextProviderError('the answer had no text');
      return content.trim();
    } catch (error) {
      if (error instanceof TextProviderError) throw error;
      throw new TextProviderError(`the endpoint could not be reached: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    summariseTheme(input) {
      return complete(
        `You summarise customer feedback for a Finnish public social and health service. Write 2-4 sentences in ${LANGUAGE_NAMES[input.language]}. Do not quote or invent personal details.`,
        `Theme: ${input.theme}\nComments:\n${prepare(input.comments)}`,
      );
    },
    nameCluster(input) {
      return complete(
        `Give a short name (at most 5 words, in ${LANGUAGE_NAMES[input.language]}) for what these feedback comments have in common. Answer with the name only.`,
        prepare(input.comments),
      );
    },
  };
}
