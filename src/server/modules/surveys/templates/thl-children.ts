import type { Question, SurveyDefinition } from '../../../../shared/survey-definition.ts';
import { AGREEMENT_LABELS, text } from './text.ts';

// The children's set (ages 7–12): short sentences answered with four faces (no neutral face). The faces are
// labelled "how true is this", so one scale fits every sentence. CANDIDATE WORDING, editable per organisation.

const smiley = (id: string, wording: Parameters<typeof text>): Question => ({
  id,
  type: 'smiley',
  text: text(...wording),
  required: false,
});

export const THL_CHILDREN: SurveyDefinition = {
  title: text('Kerro meille käynnistäsi', 'Berätta om ditt besök', 'Tell us about your visit'),
  intro: text(
    'Valitse jokaisen lauseen kohdalla naama, joka sopii parhaiten. Tämä ei ole koe, eikä ole vääriä vastauksia.',
    'Välj det ansikte som passar bäst för varje mening. Det här är inget prov och det finns inga fel svar.',
    'For each sentence, pick the face that fits best. This is not a test, and there are no wrong answers.',
  ),
  thankYou: text(
    'Kiitos! Vastauksesi auttavat meitä tekemään asiat paremmin.',
    'Tack! Dina svar hjälper oss att göra saker bättre.',
    'Thank you! Your answers help us do things better.',
  ),
  audience: 'child',
  scales: {
    agreement: {
      labels: AGREEMENT_LABELS,
      cantSay: text('En osaa sanoa', 'Kan inte säga', "Can't say"),
    },
    smiley: {
      labels: [
        text('Ei ollenkaan totta', 'Inte alls sant', 'Not true at all'),
        text('Vähän totta', 'Lite sant', 'A little true'),
        text('Melkein totta', 'Nästan sant', 'Mostly true'),
        text('Totta', 'Helt sant', 'Totally true'),
      ],
    },
  },
  questions: [
    smiley('overall', ['Käynti täällä oli hyvä.', 'Besöket här var bra.', 'My visit here was good.']),
    smiley('listened', [
      'Aikuiset kuuntelivat minua.',
      'De vuxna lyssnade på mig.',
      'The adults listened to me.',
    ]),
    smiley('say', [
      'Sain kertoa, mitä ajattelen.',
      'Jag fick säga vad jag tycker.',
      'I got to say what I think.',
    ]),
    smiley('understood', [
      'Ymmärsin, mitä minulle kerrottiin.',
      'Jag förstod vad de berättade för mig.',
      'I understood what I was told.',
    ]),
    smiley('safe', ['Minulla oli turvallinen olo.', 'Jag kände mig trygg.', 'I felt safe.']),
    smiley('helped', ['Sain täältä apua.', 'Jag fick hjälp här.', 'I got help here.']),
    {
      id: 'comment',
      type: 'free_text',
      maxLength: 500,
      required: false,
      text: text(
        'Haluatko kertoa vielä jotain? Voit kirjoittaa sen tähän.',
        'Vill du berätta något mer? Du kan skriva det här.',
        'Is there anything else you want to tell us? You can write it here.',
      ),
      help: text(
        'Älä kirjoita tähän omaa tai kenenkään muun nimeä.',
        'Skriv inte ditt eget eller någon annans namn här.',
        "Please don't write your own name or anyone else's name here.",
      ),
    },
  ],
};
