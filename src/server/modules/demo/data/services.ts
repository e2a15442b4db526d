// The demo division: three service areas and about forty services modelled on Helsinki's social services, health
// care and rescue services division. Per service: how many units, how unit names are formed in fi/sv/en, how busy
// a unit is and how satisfied its clients tend to be. Figures are invented but shaped like published ones
// (health stations busiest; division NPS around 60; child welfare and substance abuse services lower).
import type { District } from './districts.ts';

export type AreaKey = 'family' | 'health' | 'care';

export interface ServiceArea {
  key: AreaKey;
  id: string;
  fi: string;
  sv: string;
  en: string;
}

export const DIVISION = {
  id: 'sote',
  fi: 'Sosiaali-, terveys- ja pelastustoimiala',
  sv: 'Social-, hälsovårds- och räddningssektorn',
  en: 'Social Services, Health Care and Rescue Services Division',
};

export const SERVICE_AREAS: readonly ServiceArea[] = [
  {
    key: 'family',
    id: 'sote-perhe',
    fi: 'Perhe- ja sosiaalipalvelut',
    sv: 'Familje- och socialtjänster',
    en: 'Family and Social Services',
  },
  {
    key: 'health',
    id: 'sote-terveys',
    fi: 'Terveys- ja päihdepalvelut',
    sv: 'Hälsovårds- och missbrukartjänster',
    en: 'Health and Substance Abuse Services',
  },
  {
    key: 'care',
    id: 'sote-sairaala',
    fi: 'Sairaala-, kuntoutus- ja hoivapalvelut',
    sv: 'Sjukhus-, rehabiliterings- och omvårdnadstjänster',
    en: 'Hospital, Rehabilitation and Care Services',
  },
];

type Namer = (d: District) => string;

export interface ServiceSpec {
  key: string;
  area: AreaKey;
  fi: string;
  sv: string;
  en: string;
  units: number;
  unitFi: Namer;
  unitSv: Namer;
  unitEn: Namer;
  /** Responses per unit relative to an average unit. */
  volume: number;
  /** Mean of the satisfaction latent for the service (0 ≈ NPS 65 at the division's spread). */
  quality: number;
  /** Where on the age scale its clients sit: 0 youngest group, 1 oldest. */
  ageCentre: number;
  /** Share of responses given on the children's survey (published here for web, QR and kiosk). */
  childShare?: number;
  /** Channel mix differs from the division's (home care, chat, wards). */
  channelProfile?: 'default' | 'home_care' | 'chat' | 'ward' | 'housing';
  /** Units here have sites (toimipisteet) below them: wards, teams. */
  sites?: { count: number; fi: string; sv: string; en: string; onFirst: number };
  /** Fixed units instead of district-named ones. */
  fixed?: { key: string; fi: string; sv: string; en: string }[];
  /** Preferred districts, first ones used first; the rest are drawn from the whole list. */
  districts?: string[];
}

const at = (fi: string) => (d: District) => `${fi}, ${d.fi}`;
const atSv = (sv: string) => (d: District) => `${sv}, ${d.sv}`;
const atEn = (en: string) => (d: District) => `${en}, ${d.fi}`;

export const SERVICES: readonly ServiceSpec[] = [
  // Perhe- ja sosiaalipalvelut
  {
    key: 'neuvolat', area: 'family', fi: 'Neuvolat', sv: 'Rådgivningsbyråer', en: 'Child health clinics',
    units: 22, volume: 1.6, quality: 0.7, ageCentre: 0.35, childShare: 0.05,
    unitFi: (d) => `${d.fiGen} neuvola`, unitSv: (d) => `${d.svGen} rådgivningsbyrå`,
    unitEn: (d) => `${d.fi} Child Health Clinic`,
  },
  {
    key: 'kouluterveys', area: 'family', fi: 'Koulu- ja opiskeluterveydenhuolto',
    sv: 'Skol- och studerandehälsovård', en: 'School and student health care',
    units: 22, volume: 0.9, quality: 0.6, ageCentre: 0, childShare: 0.45,
    unitFi: at('Kouluterveydenhuolto'), unitSv: atSv('Skolhälsovården'), unitEn: atEn('School health care'),
  },
  {
    key: 'lastensuojelu', area: 'family', fi: 'Lastensuojelu', sv: 'Barnskydd', en: 'Child welfare',
    units: 10, volume: 0.45, quality: -0.9, ageCentre: 0.3, childShare: 0.25,
    unitFi: at('Lastensuojelun avohuolto'), unitSv: atSv('Barnskyddets öppenvård'),
    unitEn: atEn('Child welfare community care'),
  },
  {
    key: 'perheneuvolat', area: 'family', fi: 'Perheneuvolat', sv: 'Familjerådgivningsbyråer',
    en: 'Family counselling clinics', units: 5, volume: 0.5, quality: 0.3, ageCentre: 0.35,
    unitFi: (d) => `${d.fiGen} perheneuvola`, unitSv: (d) => `${d.svGen} familjerådgivning`,
    unitEn: (d) => `${d.fi} Family Counselling Clinic`,
  },
  {
    key: 'perhesosiaalityo', area: 'family', fi: 'Lapsiperheiden sosiaaliohjaus',
    sv: 'Socialhandledning för barnfamiljer', en: 'Social guidance for families with children',
    units: 6, volume: 0.4, quality: -0.2, ageCentre: 0.35,
    unitFi: at('Lapsiperheiden sosiaaliohjaus'), unitSv: atSv('Socialhandledning för barnfamiljer'),
    unitEn: atEn('Family social guidance'),
  },
  {
    key: 'perhetyo', area: 'family', fi: 'Lapsiperheiden kotipalvelu ja perhetyö',
    sv: 'Hemservice och familjearbete för barnfamiljer', en: 'Home help and family work for families',
    units: 6, volume: 0.35, quality: 0.5, ageCentre: 0.35,
    unitFi: at('Perhetyö'), unitSv: atSv('Familjearbete'), unitEn: atEn('Family work'),
  },
  {
    key: 'vammaispalvelut', area: 'family', fi: 'Vammaispalvelut', sv: 'Handikappservice',
    en: 'Disability services', units: 6, volume: 0.4, quality: -0.4, ageCentre: 0.55,
    unitFi: at('Vammaisten sosiaalityö'), unitSv: atSv('Socialt arbete för personer med funktionsnedsättning'),
    unitEn: atEn('Disability social work'),
  },
  {
    key: 'kehitysvamma-asuminen', area: 'family', fi: 'Kehitysvammaisten asumispalvelut',
    sv: 'Boendeservice för personer med intellektuell funktionsnedsättning',
    en: 'Housing services for people with intellectual disabilities',
    units: 8, volume: 0.25, quality: 0.3, ageCentre: 0.5, channelProfile: 'housing',
    unitFi: (d) => `${d.fiGen} asumisyksikkö`, unitSv: (d) => `${d.svGen} boendeenhet`,
    unitEn: (d) => `${d.fi} Housing Unit`,
  },
  {
    key: 'aikuissosiaalityo', area: 'family', fi: 'Aikuissosiaalityö', sv: 'Socialt arbete för vuxna',
    en: 'Adult social work', units: 8, volume: 0.6, quality: -0.5, ageCentre: 0.5,
    unitFi: at('Aikuissosiaalityö'), unitSv: atSv('Socialt arbete för vuxna'), unitEn: atEn('Adult social work'),
  },
  {
    key: 'nuorten-palvelut', area: 'family', fi: 'Nuorten sosiaalityö', sv: 'Socialt arbete för unga',
    en: 'Social work for young people', units: 4, volume: 0.35, quality: -0.1, ageCentre: 0.1,
    unitFi: at('Nuorten sosiaalityö'), unitSv: atSv('Socialt arbete för unga'),
    unitEn: atEn('Youth social work'),
  },
  {
    key: 'maahanmuutto', area: 'family', fi: 'Maahanmuuttajien sosiaalityö', sv: 'Socialt arbete för invandrare',
    en: 'Social work for immigrants', units: 2, volume: 0.4, quality: 0.2, ageCentre: 0.4,
    districts: ['itakeskus', 'kamppi'],
    unitFi: at('Maahanmuuttajien sosiaalityö'), unitSv: atSv('Socialt arbete för invandrare'),
    unitEn: atEn('Social work for immigrants'),
  },
  {
    key: 'asumisen-tuki', area: 'family', fi: 'Asumisen tuki', sv: 'Boendestöd', en: 'Housing support',
    units: 4, volume: 0.3, quality: -0.3, ageCentre: 0.5,
    unitFi: at('Asumisen tuki'), unitSv: atSv('Boendestöd'), unitEn: atEn('Housing support'),
  },
  {
    key: 'sosiaalipaivystys', area: 'family', fi: 'Sosiaali- ja kriisipäivystys', sv: 'Social- och krisjouren',
    en: 'Social and crisis emergency services', units: 1, volume: 0.6, quality: 0.1, ageCentre: 0.45,
    fixed: [{ key: 'sosiaalipaivystys', fi: 'Sosiaali- ja kriisipäivystys', sv: 'Social- och krisjouren',
      en: 'Social and Crisis Emergency Services' }],
    unitFi: at(''), unitSv: atSv(''), unitEn: atEn(''),
  },
  {
    key: 'tyotoiminta', area: 'family', fi: 'Kuntouttava työtoiminta', sv: 'Arbetsverksamhet i rehabiliteringssyfte',
    en: 'Rehabilitative work activity', units: 4, volume: 0.3, quality: 0.6, ageCentre: 0.45,
    unitFi: at('Kuntouttava työtoiminta'), unitSv: atSv('Arbetsverksamhet i rehabiliteringssyfte'),
    unitEn: atEn('Rehabilitative work activity'),
  },
  // Terveys- ja päihdepalvelut
  {
    key: 'terveysasemat', area: 'health', fi: 'Terveysasemat', sv: 'Hälsostationer', en: 'Health stations',
    units: 25, volume: 6, quality: -0.25, ageCentre: 0.6,
    districts: ['kallio', 'vuosaari', 'malmi', 'herttoniemi', 'kannelmaki', 'myllypuro', 'viikki', 'toolo',
      'lauttasaari', 'jakomaki', 'maunula', 'kivikko', 'itakeskus', 'kalasatama', 'laajasalo', 'lassila',
      'pihlajamaki', 'puistola', 'ruoholahti', 'suutarila', 'haaga', 'munkkiniemi', 'paloheina', 'kontula',
      'pasila'],
    unitFi: (d) => `${d.fiGen} terveysasema`, unitSv: (d) => `${d.svGen} hälsostation`,
    unitEn: (d) => `${d.fi} Health Station`,
  },
  {
    key: 'suun-terveydenhuolto', area: 'health', fi: 'Suun terveydenhuolto', sv: 'Munhälsovård',
    en: 'Oral health care', units: 20, volume: 3, quality: 0.55, ageCentre: 0.5,
    unitFi: (d) => `${d.fiGen} hammashoitola`, unitSv: (d) => `${d.svGen} tandklinik`,
    unitEn: (d) => `${d.fi} Dental Clinic`,
  },
  {
    key: 'psykiatria', area: 'health', fi: 'Psykiatriapalvelut', sv: 'Psykiatritjänster', en: 'Psychiatric services',
    units: 8, volume: 0.9, quality: -0.35, ageCentre: 0.35,
    unitFi: at('Psykiatrian poliklinikka'), unitSv: atSv('Psykiatriska polikliniken'),
    unitEn: atEn('Psychiatric outpatient clinic'),
  },
  {
    key: 'paihdepalvelut', area: 'health', fi: 'Päihdepalvelut', sv: 'Missbrukartjänster',
    en: 'Substance abuse services', units: 6, volume: 0.5, quality: -0.6, ageCentre: 0.45,
    unitFi: at('Päihdepoliklinikka'), unitSv: atSv('Missbrukarpolikliniken'),
    unitEn: atEn('Substance abuse outpatient clinic'),
  },
  {
    key: 'nuorisoasemat', area: 'health', fi: 'Nuorisoasemat', sv: 'Ungdomsstationer', en: 'Youth stations',
    units: 3, volume: 0.35, quality: 0.4, ageCentre: 0.1,
    unitFi: at('Nuorisoasema'), unitSv: atSv('Ungdomsstationen'), unitEn: atEn('Youth station'),
  },
  {
    key: 'terveysneuvonta', area: 'health', fi: 'Terveysneuvontapisteet', sv: 'Hälsorådgivningsställen',
    en: 'Health counselling points', units: 4, volume: 0.3, quality: 0.7, ageCentre: 0.4,
    unitFi: at('Terveysneuvontapiste'), unitSv: atSv('Hälsorådgivningsstället'),
    unitEn: atEn('Health counselling point'),
  },
  {
    key: 'korvaushoito', area: 'health', fi: 'Opioidikorvaushoito', sv: 'Opioidersättningsbehandling',
    en: 'Opioid substitution treatment', units: 2, volume: 0.3, quality: -0.7, ageCentre: 0.45,
    unitFi: at('Korvaushoitopoliklinikka'), unitSv: atSv('Ersättningsbehandlingspolikliniken'),
    unitEn: atEn('Substitution treatment clinic'),
  },
  {
    key: 'ehkaisyneuvola', area: 'health', fi: 'Ehkäisyneuvolat', sv: 'Preventivrådgivningar',
    en: 'Contraception clinics', units: 4, volume: 0.6, quality: 0.6, ageCentre: 0.2,
    unitFi: at('Ehkäisyneuvola'), unitSv: atSv('Preventivrådgivningen'), unitEn: atEn('Contraception clinic'),
  },
  {
    key: 'maahanmuuttajien-terveys', area: 'health', fi: 'Maahanmuuttajien terveyspalvelut',
    sv: 'Hälsovårdstjänster för invandrare', en: 'Health services for immigrants',
    units: 1, volume: 0.7, quality: 0.4, ageCentre: 0.35, districts: ['kamppi'],
    unitFi: at('Maahanmuuttajien terveysasema'), unitSv: atSv('Invandrarnas hälsostation'),
    unitEn: atEn("Immigrants' health station"),
  },
  {
    key: 'jalkaterapia', area: 'health', fi: 'Jalkaterapia', sv: 'Fotterapi', en: 'Podiatry',
    units: 3, volume: 0.4, quality: 1.0, ageCentre: 0.75,
    unitFi: at('Jalkaterapia'), unitSv: atSv('Fotterapi'), unitEn: atEn('Podiatry'),
  },
  {
    key: 'digitaaliset', area: 'health', fi: 'Digitaaliset terveyspalvelut', sv: 'Digitala hälsotjänster',
    en: 'Digital health services', units: 3, volume: 1.4, quality: -0.1, ageCentre: 0.45,
    channelProfile: 'chat',
    fixed: [
      { key: 'terveysasemien-chat', fi: 'Terveysasemien chat', sv: 'Hälsostationernas chatt',
        en: 'Health station chat' },
      { key: 'keskitetty-puhelinpalvelu', fi: 'Terveysasemien keskitetty puhelinpalvelu',
        sv: 'Hälsostationernas centraliserade telefontjänst', en: 'Health stations’ central phone service' },
      { key: 'maisa-tuki', fi: 'Maisa-asiointipalvelun tuki', sv: 'Stöd för e-tjänsten Maisa',
        en: 'Maisa e-service support' },
    ],
    unitFi: at(''), unitSv: atSv(''), unitEn: atEn(''),
  },
  {
    key: 'paihdeasuminen', area: 'health', fi: 'Päihdehuollon asumispalvelut',
    sv: 'Boendeservice inom missbrukarvården', en: 'Housing services in substance abuse care',
    units: 2, volume: 0.2, quality: -0.4, ageCentre: 0.5, channelProfile: 'housing',
    unitFi: (d) => `${d.fiGen} tukiasumisyksikkö`, unitSv: (d) => `${d.svGen} stödboende`,
    unitEn: (d) => `${d.fi} Supported Housing Unit`,
  },
  // Sairaala-, kuntoutus- ja hoivapalvelut
  {
    key: 'kotihoito', area: 'care', fi: 'Kotihoito', sv: 'Hemvård', en: 'Home care',
    units: 28, volume: 1.6, quality: 0.05, ageCentre: 1, channelProfile: 'home_care',
    sites: { count: 2, fi: 'tiimi', sv: 'team', en: 'team', onFirst: 8 },
    unitFi: at('Kotihoito'), unitSv: atSv('Hemvården'), unitEn: atEn('Home care'),
  },
  {
    key: 'sairaalat', area: 'care', fi: 'Helsingin sairaala', sv: 'Helsingfors sjukhus', en: 'Helsinki Hospital',
    units: 5, volume: 4, quality: 0.45, ageCentre: 0.9, channelProfile: 'ward',
    sites: { count: 5, fi: 'osasto', sv: 'avdelning', en: 'ward', onFirst: 5 },
    fixed: [
      { key: 'laakson-sairaala', fi: 'Laakson sairaala', sv: 'Dals sjukhus', en: 'Laakso Hospital' },
      { key: 'auroran-sairaala', fi: 'Auroran sairaala', sv: 'Aurora sjukhus', en: 'Aurora Hospital' },
      { key: 'malmin-sairaala', fi: 'Malmin sairaala', sv: 'Malms sjukhus', en: 'Malmi Hospital' },
      { key: 'herttoniemen-sairaala', fi: 'Herttoniemen sairaala', sv: 'Hertonäs sjukhus',
        en: 'Herttoniemi Hospital' },
      { key: 'suursuon-sairaala', fi: 'Suursuon sairaala', sv: 'Storkärrs sjukhus', en: 'Suursuo Hospital' },
    ],
    unitFi: at(''), unitSv: atSv(''), unitEn: atEn(''),
  },
  {
    key: 'kotisairaala', area: 'care', fi: 'Kotisairaala', sv: 'Hemsjukhuset', en: 'Home hospital',
    units: 3, volume: 0.6, quality: 1.0, ageCentre: 0.9, channelProfile: 'home_care',
    unitFi: at('Kotisairaala'), unitSv: atSv('Hemsjukhuset'), unitEn: atEn('Home hospital'),
  },
  {
    key: 'palvelukeskukset', area: 'care', fi: 'Palvelukeskukset', sv: 'Servicecentraler', en: 'Service centres',
    units: 14, volume: 0.5, quality: 0.7, ageCentre: 0.95,
    unitFi: (d) => `${d.fiGen} palvelukeskus`, unitSv: (d) => `${d.svGen} servicecentral`,
    unitEn: (d) => `${d.fi} Service Centre`,
  },
  {
    key: 'palveluasuminen', area: 'care', fi: 'Ympärivuorokautinen palveluasuminen',
    sv: 'Serviceboende med heldygnsomsorg', en: '24-hour service housing',
    units: 22, volume: 0.35, quality: 0.2, ageCentre: 1, channelProfile: 'housing',
    unitFi: (d) => `${d.fiGen} palvelutalo`, unitSv: (d) => `${d.svGen} servicehus`,
    unitEn: (d) => `${d.fi} Service House`,
  },
  {
    key: 'paivatoiminta', area: 'care', fi: 'Päivätoiminta ikääntyneille', sv: 'Dagverksamhet för äldre',
    en: 'Day activities for older people', units: 8, volume: 0.3, quality: 1.1, ageCentre: 1,
    unitFi: at('Päivätoiminta'), unitSv: atSv('Dagverksamhet'), unitEn: atEn('Day activities'),
  },
  {
    key: 'fysioterapia', area: 'care', fi: 'Fysioterapia', sv: 'Fysioterapi', en: 'Physiotherapy',
    units: 10, volume: 0.9, quality: 0.8, ageCentre: 0.7,
    unitFi: at('Fysioterapia'), unitSv: atSv('Fysioterapi'), unitEn: atEn('Physiotherapy'),
  },
  {
    key: 'kotikuntoutus', area: 'care', fi: 'Kotikuntoutus', sv: 'Hemrehabilitering', en: 'Home rehabilitation',
    units: 3, volume: 0.4, quality: 0.7, ageCentre: 0.95, channelProfile: 'home_care',
    unitFi: at('Kotikuntoutus'), unitSv: atSv('Hemrehabilitering'), unitEn: atEn('Home rehabilitation'),
  },
  {
    key: 'apuvalineet', area: 'care', fi: 'Apuvälinepalvelut', sv: 'Hjälpmedelstjänster',
    en: 'Assistive device services', units: 2, volume: 0.5, quality: 0.1, ageCentre: 0.85,
    unitFi: at('Apuvälinepalvelut'), unitSv: atSv('Hjälpmedelstjänster'), unitEn: atEn('Assistive devices'),
  },
  {
    key: 'terapiat', area: 'care', fi: 'Puhe- ja toimintaterapia', sv: 'Tal- och ergoterapi',
    en: 'Speech and occupational therapy', units: 2, volume: 0.3, quality: 0.8, ageCentre: 0.6,
    unitFi: at('Puhe- ja toimintaterapia'), unitSv: atSv('Tal- och ergoterapi'),
    unitEn: atEn('Speech and occupational therapy'),
  },
  {
    key: 'omaishoito', area: 'care', fi: 'Omaishoidon tuki', sv: 'Stöd för närståendevård',
    en: 'Support for informal carers', units: 2, volume: 0.3, quality: -0.2, ageCentre: 0.9,
    unitFi: at('Omaishoidon tuki'), unitSv: atSv('Stöd för närståendevård'),
    unitEn: atEn('Support for informal carers'),
  },
  {
    key: 'seniori-info', area: 'care', fi: 'Seniori-info', sv: 'Seniorinfo', en: 'Senior Info',
    units: 1, volume: 0.5, quality: 0.6, ageCentre: 0.95,
    fixed: [{ key: 'seniori-info', fi: 'Seniori-info', sv: 'Seniorinfo', en: 'Senior Info' }],
    unitFi: at(''), unitSv: atSv(''), unitEn: atEn(''),
  },
  {
    key: 'geriatria', area: 'care', fi: 'Geriatrinen poliklinikka', sv: 'Geriatriska polikliniken',
    en: 'Geriatric outpatient clinic', units: 2, volume: 0.5, quality: 0.3, ageCentre: 1,
    unitFi: at('Geriatrinen poliklinikka'), unitSv: atSv('Geriatriska polikliniken'),
    unitEn: atEn('Geriatric outpatient clinic'),
  },
  {
    key: 'palliatiivinen', area: 'care', fi: 'Palliatiivinen hoito', sv: 'Palliativ vård', en: 'Palliative care',
    units: 1, volume: 0.4, quality: 1.3, ageCentre: 0.9,
    fixed: [{ key: 'palliatiivinen-keskus', fi: 'Palliatiivinen keskus', sv: 'Palliativa centret',
      en: 'Palliative Care Centre' }],
    unitFi: at(''), unitSv: atSv(''), unitEn: atEn(''),
  },
  {
    key: 'asiakasohjaus', area: 'care', fi: 'Ikääntyneiden asiakasohjaus', sv: 'Klienthandledning för äldre',
    en: 'Client guidance for older people', units: 2, volume: 0.4, quality: -0.1, ageCentre: 0.95,
    unitFi: at('Asiakasohjaus'), unitSv: atSv('Klienthandledning'), unitEn: atEn('Client guidance'),
  },
];
