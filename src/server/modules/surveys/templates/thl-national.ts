import type { Question, SurveyDefinition } from '../../../../shared/survey-definition.ts';
import { AGREEMENT_LABELS, text } from './text.ts';

// The national customer-feedback set (THL): recommendation index + seven basic statements, for people 13+.
// CANDIDATE WORDING: THL's exact statement texts could not be verified (docs/surveys.md). Organisations
// correct them in the staff UI; every edit is a new version and the question ids below never change.

const statement = (id: string, wording: Parameters<typeof text>): Question => ({
  id,
  type: 'statement',
  text: text(...wording),
  allowCantSay: true,
  required: false,
});

export const THL_NATIONAL: SurveyDefinition = {
  title: text('Asiakaspalaute', 'Kundrespons', 'Customer feedback'),
  intro: text(
    'Kiitos, että kerrot kokemuksestasi. Vastaaminen vie noin minuutin, ja vastaat nimettömänä.',
    'Tack för att du berättar om din upplevelse. Det tar ungefär en minut att svara och du svarar anonymt.',
    'Thank you for telling us about your experience. It takes about a minute, and your answers are anonymous.',
    {
      fi: 'Kiitos, että vastaat. Vastaaminen vie noin minuutin. Emme kysy nimeäsi.',
      sv: 'Tack för att du svarar. Det tar ungefär en minut. Vi frågar inte efter ditt namn.',
    },
  ),
  thankYou: text(
    'Kiitos palautteestasi! Käytämme sitä palvelujen kehittämiseen.',
    'Tack för din respons! Vi använder den för att utveckla servicen.',
    'Thank you for your feedback! We use it to improve our services.',
  ),
  audience: 'adult',
  scales: {
    agreement: {
      labels: AGREEMENT_LABELS,
      cantSay: text('En osaa sanoa', 'Kan inte säga', "Can't say", { fi: 'En tiedä', sv: 'Vet inte' }),
    },
    smiley: {
      labels: [
        text('Erittäin tyytymätön', 'Mycket missnöjd', 'Very dissatisfied'),
        text('Tyytymätön', 'Missnöjd', 'Dissatisfied'),
        text('Tyytyväinen', 'Nöjd', 'Satisfied'),
        text('Erittäin tyytyväinen', 'Mycket nöjd', 'Very satisfied'),
      ],
    },
  },
  questions: [
    {
      id: 'recommendation',
      type: 'recommendation',
      required: false,
      text: text(
        'Kuinka todennäköisesti suosittelisit saamaasi palvelua läheisillesi tai ystävillesi, jos he tarvitsisivat vastaavaa palvelua?',
        'Hur sannolikt är det att du skulle rekommendera den service du fick till dina närstående eller vänner, om de behövde liknande service?',
        'How likely would you be to recommend the service you received to a family member or friend in the same situation?',
        {
          fi: 'Suosittelisitko tätä palvelua perheenjäsenellesi tai ystävällesi? Valitse numero 0–10.',
          sv: 'Skulle du rekommendera den här servicen till någon i familjen eller en vän? Välj en siffra 0–10.',
        },
      ),
      lowLabel: text('Erittäin epätodennäköisesti', 'Mycket osannolikt', 'Very unlikely', {
        fi: 'En suosittelisi',
        sv: 'Skulle inte rekommendera',
      }),
      highLabel: text('Erittäin todennäköisesti', 'Mycket sannolikt', 'Very likely', {
        fi: 'Suosittelisin varmasti',
        sv: 'Skulle absolut rekommendera',
      }),
    },
    statement('smooth', [
      'Asiointi oli sujuvaa.',
      'Mitt ärende sköttes smidigt.',
      'My matter was handled smoothly.',
      { fi: 'Asiointi sujui hyvin.', sv: 'Det gick bra att sköta mitt ärende.' },
    ]),
    statement('timely', [
      'Sain apua silloin, kun sitä tarvitsin.',
      'Jag fick hjälp när jag behövde det.',
      'I got help when I needed it.',
      { fi: 'Sain apua, kun tarvitsin sitä.', sv: 'Jag fick hjälp när jag behövde.' },
    ]),
    statement('respect', [
      'Minut kohdattiin arvostavasti.',
      'Jag blev bemött med respekt.',
      'I was treated with respect.',
      { fi: 'Minua kohdeltiin hyvin ja kunnioittavasti.', sv: 'Personalen var vänlig och respekterade mig.' },
    ]),
    statement('together', [
      'Asiaani koskevat päätökset tehtiin yhdessä kanssani.',
      'Besluten om mitt ärende fattades tillsammans med mig.',
      'Decisions about my matter were made together with me.',
      { fi: 'Sain olla mukana päättämässä asioistani.', sv: 'Jag fick vara med och bestämma om mina saker.' },
    ]),
    statement('safe', [
      'Koin oloni turvalliseksi hoidon tai palvelun aikana.',
      'Jag kände mig trygg under vården eller servicen.',
      'I felt safe during the care or service.',
      { fi: 'Tunsin oloni turvalliseksi.', sv: 'Jag kände mig trygg.' },
    ]),
    statement('understandable', [
      'Saamani tieto oli ymmärrettävää.',
      'Informationen jag fick var lätt att förstå.',
      'The information I received was easy to understand.',
      { fi: 'Ymmärsin, mitä minulle kerrottiin.', sv: 'Jag förstod det som man berättade för mig.' },
    ]),
    statement('useful', [
      'Saamani hoito tai palvelu oli minulle hyödyllistä.',
      'Vården eller servicen jag fick var till nytta för mig.',
      'The care or service I received was useful to me.',
      { fi: 'Palvelusta oli minulle hyötyä.', sv: 'Servicen var till nytta för mig.' },
    ]),
    {
      id: 'respondent_type',
      type: 'single_choice',
      role: 'respondent_type',
      required: false,
      text: text('Kuka vastaa kyselyyn?', 'Vem svarar på enkäten?', 'Who is answering this survey?', {
        fi: 'Kuka vastaa?',
        sv: 'Vem svarar?',
      }),
      options: [
        {
          id: 'client',
          label: text(
            'Olen itse asiakas tai potilas',
            'Jag är själv klient eller patient',
            'I am the client or patient',
          ),
        },
        {
          id: 'relative',
          label: text(
            'Olen asiakkaan läheinen',
            'Jag är närstående till klienten',
            'I am a family member or someone close to the client',
          ),
        },
        {
          id: 'assisted',
          label: text(
            'Olen asiakas, ja joku auttoi minua vastaamaan',
            'Jag är klienten och någon hjälpte mig att svara',
            'I am the client and someone helped me answer',
          ),
        },
      ],
    },
    {
      id: 'age_group',
      type: 'single_choice',
      role: 'age_group',
      required: false,
      text: text('Ikäryhmäsi', 'Din åldersgrupp', 'Your age group', {
        fi: 'Kuinka vanha olet?',
        sv: 'Hur gammal är du?',
      }),
      options: [
        { id: '13_17', label: text('13–17 vuotta', '13–17 år', '13–17 years') },
        { id: '18_29', label: text('18–29 vuotta', '18–29 år', '18–29 years') },
        { id: '30_49', label: text('30–49 vuotta', '30–49 år', '30–49 years') },
        { id: '50_64', label: text('50–64 vuotta', '50–64 år', '50–64 years') },
        { id: '65_74', label: text('65–74 vuotta', '65–74 år', '65–74 years') },
        { id: '75_plus', label: text('75 vuotta tai yli', '75 år eller äldre', '75 or older') },
      ],
    },
    {
      id: 'comment',
      type: 'free_text',
      maxLength: 2000,
      required: false,
      text: text(
        'Mitä muuta haluaisit kertoa? Mikä toimi hyvin ja mitä voisimme tehdä paremmin?',
        'Vad mer vill du berätta? Vad fungerade bra och vad kunde vi göra bättre?',
        'Is there anything else you would like to tell us? What worked well, and what could we do better?',
        { fi: 'Haluatko kertoa vielä jotain?', sv: 'Vill du berätta något mer?' },
      ),
      help: text(
        'Älä kirjoita vastaukseen henkilötunnusta, nimiä tai muita tunnistetietoja.',
        'Skriv inte personbeteckningar, namn eller andra identifierande uppgifter i svaret.',
        'Please do not write personal identity codes, names or other identifying details in your answer.',
        {
          fi: 'Älä kirjoita tähän henkilötunnusta tai nimiä.',
          sv: 'Skriv inte personbeteckning eller namn här.',
        },
      ),
    },
  ],
};
