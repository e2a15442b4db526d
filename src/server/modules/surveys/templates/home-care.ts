import type { SurveyDefinition } from '../../../../shared/survey-definition.ts';
import { AGREEMENT_LABELS, text } from './text.ts';

// Home-care visit feedback, answered by the client on the staff member's phone right after the visit: one question
// with four faces (no neutral face) and an optional comment. Short on purpose: many clients are old, tired or
// answer with help. The staff member's own assessment of the visit is stored apart (modules/home-care).
// CANDIDATE WORDING, editable per organisation.
export const HOME_CARE: SurveyDefinition = {
  title: text('Miten käynti onnistui?', 'Hur gick besöket?', 'How did the visit go?'),
  thankYou: text(
    'Kiitos! Vastauksesi auttaa meitä kehittämään kotihoitoa.',
    'Tack! Ditt svar hjälper oss att utveckla hemvården.',
    'Thank you! Your answer helps us improve home care.',
  ),
  audience: 'adult',
  scales: {
    agreement: {
      labels: AGREEMENT_LABELS,
      cantSay: text('En osaa sanoa', 'Kan inte säga', "Can't say"),
    },
    smiley: {
      labels: [
        text('Huonosti', 'Dåligt', 'Badly'),
        text('Melko huonosti', 'Ganska dåligt', 'Rather badly'),
        text('Melko hyvin', 'Ganska bra', 'Rather well'),
        text('Hyvin', 'Bra', 'Well'),
      ],
    },
  },
  questions: [
    {
      id: 'visit',
      type: 'smiley',
      required: true,
      text: text(
        'Miten tämänpäiväinen käynti onnistui?',
        'Hur gick dagens besök?',
        "How did today's visit go?",
      ),
    },
    {
      id: 'comment',
      type: 'free_text',
      maxLength: 500,
      required: false,
      text: text(
        'Haluatko kertoa jotain käynnistä?',
        'Vill du berätta något om besöket?',
        'Would you like to tell us something about the visit?',
      ),
    },
  ],
};
