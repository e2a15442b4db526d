import fs from 'node:fs';
import koffi, { type LibraryHandle, type TypeObject } from 'koffi';

// Finnish morphology through libvoikko (Debian libvoikko1 + voikko-fi), called with koffi. FACTS.md: the Snowball
// stemmers split one lemma into several stems ("odotusaika" / "odotusajat"); Voikko gives the base form and the
// parts of a compound ("terveysasemalla" → terveysasema, terveys, asema) at ~73,000 words/s. One handle per
// process, not thread-safe: the analysis pipeline runs on one thread.

export class VoikkoUnavailableError extends Error {
  constructor(detail: string) {
    super(
      `Finnish morphology (libvoikko) is not available: ${detail}. Install the Debian packages libvoikko1 and ` +
        'voikko-fi (scripts/ensure-system-packages.sh does this), or set VOIKKO_LIBRARY to the path of libvoikko.so.1.',
    );
    this.name = 'VoikkoUnavailableError';
  }
}

export interface WordAnalysis {
  /** The dictionary form of the whole word ("terveysasemalla" → "terveysasema"). */
  baseForm: string;
  /** Base forms of the parts of a compound, in order ("terveys", "asema"); one entry for a simple word. */
  parts: string[];
  /** Voikko's word class (nimisana, teonsana, laatusana, …); '' when unknown or split by us. */
  wordClass: string;
}

export interface Voikko {
  /** Every analysis Voikko has for the word (a word can be ambiguous); [] for an unknown word. */
  analyse(word: string): WordAnalysis[];
  close(): void;
}

const LIBRARY_CANDIDATES = [
  'libvoikko.so.1',
  '/usr/lib/x86_64-linux-gnu/libvoikko.so.1',
  '/usr/lib/aarch64-linux-gnu/libvoikko.so.1',
  '/usr/lib64/libvoikko.so.1',
  '/usr/lib/libvoikko.so.1',
  '/usr/local/lib/libvoikko.so.1',
  '/opt/homebrew/lib/libvoikko.1.dylib',
  '/usr/local/lib/libvoikko.1.dylib',
];

function loadLibrary(explicit?: string): LibraryHandle {
  const candidates = explicit ? [explicit] : LIBRARY_CANDIDATES;
  const failures: string[] = [];
  for (const candidate of candidates) {
    if (candidate.startsWith('/') && !fs.existsSync(candidate)) continue;
    try {
      return koffi.load(candidate);
    } catch (error) {
      failures.push(`${candidate}: ${(error as Error).message}`);
    }
  }
  throw new VoikkoUnavailableError(
    failures.length ? failures.join('; ') : `no libvoikko.so.1 found (looked in ${candidates.join(', ')})`,
  );
}

interface Bindings {
  analyse(word: string): { baseForm: string | null; wordBases: string | null; wordClass: string | null }[];
  terminate(): void;
}

// koffi types are process-wide and may be declared once.
let types: { VoikkoString: TypeObject } | undefined;

function bind(lib: LibraryHandle, dictionaryPath: string | undefined): Bindings {
  const freeValue = lib.func('void voikko_free_mor_analysis_value_cstr(void *value)');
  if (!types) {
    koffi.opaque('VoikkoHandle');
    koffi.opaque('voikko_mor_analysis');
    // A string that koffi copies into JS and then hands back to Voikko's own free().
    types = { VoikkoString: koffi.disposable('VoikkoString', 'str', freeValue) };
  }
  const { VoikkoString } = types;
  const init = lib.func(
    'VoikkoHandle *voikkoInit(_Out_ const char **error, const char *langcode, const char *path)',
  );
  const analyseWord = lib.func(
    'voikko_mor_analysis **voikkoAnalyzeWordCstr(VoikkoHandle *handle, const char *word)',
  );
  const valueOf = lib.func('voikko_mor_analysis_value_cstr', VoikkoString, [
    'voikko_mor_analysis *',
    'const char *',
  ]);
  const freeAnalyses = lib.func('void voikko_free_mor_analysis(voikko_mor_analysis **analyses)');
  const terminate = lib.func('void voikkoTerminate(VoikkoHandle *handle)');

  const error: (string | null)[] = [null];
  const handle: unknown = init(error, 'fi', dictionaryPath ?? null);
  if (!handle) throw new VoikkoUnavailableError(`voikkoInit failed (${error[0] ?? 'no Finnish dictionary'})`);

  return {
    analyse(word) {
      const list: unknown = analyseWord(handle, word);
      if (!list) return [];
      try {
        const analyses = koffi.decode(list, 'voikko_mor_analysis *', -1) as unknown[];
        return analyses.map((analysis) => ({
          baseForm: valueOf(analysis, 'BASEFORM') as string | null,
          wordBases: valueOf(analysis, 'WORDBASES') as string | null,
          wordClass: valueOf(analysis, 'CLASS') as string | null,
        }));
      } finally {
        freeAnalyses(list);
      }
    },
    terminate: () => terminate(handle),
  };
}

/**
 * The parts of a compound from Voikko's WORDBASES, e.g. "+terve(terve)+ys(+ys)+asema(asema)" → terveys, asema:
 * a part starts at a morpheme with its own base; derivation suffixes ("(+ys)") and bare morphemes join the part
 * before them, and then the part is spelt from the surfaces (terve + ys) instead of the first morpheme's base.
 */
export function compoundParts(wordBases: string): string[] {
  const morphemes = [...wordBases.matchAll(/\+([^+(]*)(?:\(([^)]*)\))?/g)].map((m) => ({
    surface: (m[1] ?? '').replace(/[=-]/g, ''),
    base: m[2],
  }));
  const parts: { surface: string; base: string; derived: boolean }[] = [];
  for (const morpheme of morphemes) {
    const starts = morpheme.base !== undefined && !morpheme.base.startsWith('+');
    const last = parts.at(-1);
    if (starts || !last) {
      parts.push({ surface: morpheme.surface, base: morpheme.base ?? morpheme.surface, derived: false });
    } else {
      last.surface += morpheme.surface;
      last.derived = true;
    }
  }
  return parts
    .map((part) => (part.derived ? part.surface : part.base).toLowerCase())
    .filter((part) => part.length > 0);
}

export interface VoikkoOptions {
  /** Path of libvoikko.so.1; found in the usual library directories when left out. */
  library?: string;
  /** Dictionary directory (default: Voikko's own search path, /usr/lib/voikko on Debian). */
  dictionaryPath?: string;
}

/** Opens libvoikko with its Finnish dictionary; throws VoikkoUnavailableError with an install hint when missing. */
export function openVoikko(options: VoikkoOptions = {}): Voikko {
  const bindings = bind(loadLibrary(options.library), options.dictionaryPath);
  let open = true;
  return {
    analyse(word) {
      if (!open) throw new Error('Voikko is closed');
      return bindings.analyse(word).map((raw) => {
        const baseForm = (raw.baseForm ?? word).toLowerCase();
        const parts = raw.wordBases ? compoundParts(raw.wordBases) : [baseForm];
        // The last part's spelling from WORDBASES can be an inflected stem; the whole base form ends with it.
        return { baseForm, parts: parts.length ? parts : [baseForm], wordClass: raw.wordClass ?? '' };
      });
    },
    close() {
      if (open) bindings.terminate();
      open = false;
    },
  };
}

/**
 * A Voikko that opens libvoikko on first use, so that a process that never analyses Finnish text (or a server
 * without libvoikko that only serves pages) does not need it; the first analysis then fails with the install hint.
 */
export function lazyVoikko(options: VoikkoOptions = {}): Voikko {
  let voikko: Voikko | undefined;
  return {
    analyse: (word) => (voikko ??= openVoikko(options)).analyse(word),
    close: () => voikko?.close(),
  };
}
