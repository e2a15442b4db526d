import type { FeedbackService, FeedbackStatus, FeedbackType, Moderation } from '../feedback/index.ts';

// A handful of open feedback items for the demo: some published with a public reply (they show in Open311 at
// /open311/v2/requests.json), some still being handled, some not yet moderated. Stored through the feedback
// service like any submission; only their handling state is set directly. Fixed texts and ids: the same demo
// every time.

interface DemoFeedback {
  type: FeedbackType;
  language: 'fi' | 'sv' | 'en';
  description: string;
  daysAgo: number;
  status: FeedbackStatus;
  moderation: Moderation;
  reply?: string;
  email?: string;
}

const ITEMS: DemoFeedback[] = [
  {
    type: 'praise',
    language: 'fi',
    description:
      'Kiitos hoitajalle, joka jaksoi selittää kaiken rauhassa. Tuli tunne, että minua kuunneltiin.',
    daysAgo: 20,
    status: 'done',
    moderation: 'published',
    reply: 'Kiitos lämpimästä palautteesta! Välitimme sen koko tiimille.',
  },
  {
    type: 'question',
    language: 'fi',
    description: 'Miksi ajanvaraus ei onnistu verkossa iltaisin? Yritin kolmena iltana peräkkäin.',
    daysAgo: 14,
    status: 'done',
    moderation: 'published',
    reply:
      'Verkkoajanvarauksessa oli huoltokatko arki-iltaisin kello 20–22. Katko on nyt ohi, ja ajanvaraus toimii taas ympäri vuorokauden.',
    email: 'demo.asukas@example.fi',
  },
  {
    type: 'accessibility',
    language: 'sv',
    description:
      'Dörren till hälsostationen är tung och öppnas inte automatiskt. Med rullator är det svårt att komma in.',
    daysAgo: 10,
    status: 'done',
    moderation: 'published',
    reply: 'Tack för responsen. En automatisk dörröppnare installeras under nästa månad.',
  },
  {
    type: 'idea',
    language: 'en',
    description: 'It would help to get a text message reminder the day before the appointment.',
    daysAgo: 8,
    status: 'handling',
    moderation: 'published',
  },
  {
    type: 'complaint',
    language: 'fi',
    description: 'Odotin vastaanotolla puolitoista tuntia, eikä kukaan kertonut syytä viivästykseen.',
    daysAgo: 5,
    status: 'done',
    moderation: 'published',
    reply:
      'Pahoittelemme pitkää odotusta. Päivystyksen ruuhka viivästytti vastaanottoja, ja olemme ohjeistaneet henkilökuntaa kertomaan viiveistä odottaville.',
    email: 'odottaja@example.fi',
  },
  {
    type: 'question',
    language: 'sv',
    description: 'Kan jag boka tid till tandläkaren på svenska per telefon?',
    daysAgo: 2,
    status: 'allocated',
    moderation: 'pending',
    email: 'demo.invanare@example.fi',
  },
  {
    type: 'other',
    language: 'fi',
    description: 'Parkkipaikalla ei ollut yhtään vapaata invapaikkaa aamupäivällä.',
    daysAgo: 1,
    status: 'received',
    moderation: 'pending',
  },
];

const DAY = 86_400_000;

/** A fixed uuid per demo item, so seeding twice could never store an item twice. */
function submissionId(index: number): string {
  return `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
}

export async function seedDemoFeedback(
  feedback: FeedbackService,
  unitIds: string[],
  now: Date,
): Promise<number> {
  for (const [index, item] of ITEMS.entries()) {
    const created = new Date(now.getTime() - item.daysAgo * DAY);
    const result = await feedback.submit(
      {
        submissionId: submissionId(index),
        type: item.type,
        // Every third item leaves the unit open ("I don't know"), as residents often do.
        unitId: index % 3 === 2 ? null : (unitIds[(index * 37) % unitIds.length] ?? null),
        description: item.description,
        language: item.language,
        wantsReply: item.email !== undefined,
        contact: item.email ? { email: item.email } : null,
      },
      { source: 'web' },
    );
    const replied = item.reply ? new Date(created.getTime() + 2 * DAY) : null;
    await feedback.importState(result.id, {
      status: item.status,
      moderation: item.moderation,
      publicReply: item.reply ?? null,
      publicReplyAt: replied,
      createdAt: created,
      updatedAt: replied ?? created,
    });
  }
  return ITEMS.length;
}
