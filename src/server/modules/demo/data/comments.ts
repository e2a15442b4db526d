// Free-text comments for the demo in Finnish, Swedish and English, grouped by tone and theme (the themes leaders
// ask about: waiting times, phone service and call-backs, attitude, information, digital services, premises,
// continuity, costs, language). Invented, written the way clients write.
import type { Language } from '../../../../shared/languages.ts';

export type CommentTone = 'praise' | 'mixed' | 'complaint' | 'child';

type Bank = Record<CommentTone, readonly string[]>;

const fi: Bank = {
  praise: [
    'Erittäin ystävällinen ja ammattitaitoinen henkilökunta. Kiitos!',
    'Lääkäri kuunteli ja selitti asiat selkeästi.',
    'Pääsin vastaanotolle nopeasti ja kaikki sujui hyvin.',
    'Hoitaja oli todella mukava ja rauhallinen, lapsikin rentoutui.',
    'Kiitos hyvästä palvelusta, tunsin itseni tervetulleeksi.',
    'Sain vastauksen kaikkiin kysymyksiini.',
    'Asiallista ja sujuvaa palvelua, ei moitittavaa.',
    'Kotihoidon hoitajat ovat ihania, äiti odottaa heidän käyntejään.',
    'Hammaslääkäri oli hienotunteinen eikä sattunut yhtään.',
    'Ajanvaraus netissä toimi helposti ja nopeasti.',
    'Osaston henkilökunta piti hyvää huolta isästäni.',
    'Sosiaalityöntekijä oli aidosti kiinnostunut tilanteestani ja auttoi eteenpäin.',
    'Hyvä kokemus kaikin puolin.',
    'Kiitos!',
    'Nopeaa ja ystävällistä palvelua.',
    'Minua kohdeltiin kunnioittavasti ja minua kuunneltiin.',
    'Fysioterapeutti antoi hyvät kotiohjeet, selkä on jo paljon parempi.',
    'Neuvolan terveydenhoitaja on ihana, aina aikaa kysymyksille.',
    'Takaisinsoitto tuli luvattuna aikana, hienoa.',
    'Tunsin oloni turvalliseksi koko käynnin ajan.',
  ],
  mixed: [
    'Hoito oli hyvää, mutta ajan saaminen oli vaikeaa.',
    'Henkilökunta oli ystävällistä, mutta odotusaika liian pitkä.',
    'Muuten hyvä, mutta puhelimessa jonottaminen kesti kauan.',
    'Lääkäri oli asiantunteva, mutta kiire näkyi.',
    'Palvelu oli hyvää, mutta opasteet talossa ovat sekavat.',
    'Ihan ok, mutta jatkohoidosta olisin kaivannut selkeämpää tietoa.',
    'Hyvä hoitaja, mutta joka kerta eri henkilö.',
    'Asia hoitui lopulta, mutta vasta kolmannella soitolla.',
  ],
  complaint: [
    'Jouduin odottamaan vastaanotolle yli tunnin ajanvarauksesta huolimatta.',
    'Hoitoon pääsy kestää aivan liian kauan, aika vasta kolmen viikon päähän.',
    'Takaisinsoittoa piti odottaa kaksi päivää.',
    'Puhelimeen ei vastata. Jonotin 45 minuuttia ja puhelu katkesi.',
    'Kukaan ei soittanut takaisin, vaikka takaisinsoitto oli luvattu.',
    'Lääkäri ei katsonut minuun kertaakaan, tuntui etten ollut tervetullut.',
    'Hoitaja oli tyly ja kiireinen.',
    'Minua ei kuunneltu, asiani ohitettiin.',
    'Odotustila oli ahdas ja kuuma, eikä istumapaikkoja riittänyt.',
    'Sisäänkäynti on hankala pyörätuolilla, ovi ei aukea automaattisesti.',
    'Maisassa ajanvaraus ei toiminut, sain vain virheilmoituksen.',
    'Chatissa jonotin puoli tuntia ennen kuin kukaan vastasi.',
    'En saanut selkeää tietoa siitä, miten hoito jatkuu.',
    'Laboratoriotulokset tulivat Maisaan ilman mitään selitystä.',
    'Joka kerta eri lääkäri, joudun kertomaan asiani aina alusta.',
    'Kotihoidossa käy joka päivä eri hoitaja, eikä kukaan tiedä mitä edellinen teki.',
    'Asiakasmaksu tuli yllätyksenä, kukaan ei kertonut siitä etukäteen.',
    'Päätöksen saaminen kesti kuukausia, eikä kukaan kertonut missä asia menee.',
    'Ohjeet olivat ristiriitaisia, en tiedä mitä minun pitäisi tehdä.',
    'Kotihoidon käynnit ovat liian lyhyitä, äiti jää usein ilman apua.',
  ],
  child: [
    'Kiva hoitaja!',
    'Oli kiva käydä.',
    'Piikki sattui vähän.',
    'Odottaminen oli tylsää.',
    'Sain tarran!',
    'Lääkäri oli hauska.',
  ],
};

const sv: Bank = {
  praise: [
    'Mycket vänlig och kunnig personal. Tack!',
    'Läkaren lyssnade och förklarade allt tydligt.',
    'Jag fick service på svenska utan problem, tack för det.',
    'Smidig och snabb service.',
    'Skötaren var lugn och trevlig, barnet kände sig tryggt.',
    'Hemvårdarna är underbara, mamma ser fram emot deras besök.',
    'Gott bemötande hela vägen.',
    'Jag blev väl omhändertagen på avdelningen.',
    'Tack för bra hjälp!',
    'Tandläkaren var varsam och förklarade vad hon gjorde.',
  ],
  mixed: [
    'Vården var bra, men det var svårt att få tid.',
    'Trevlig personal men lång väntetid.',
    'Bra läkare, men blanketterna fanns bara på finska.',
    'I övrigt bra, men telefonkön var lång.',
  ],
  complaint: [
    'Fick inte service på svenska fast jag bad om det.',
    'Jag fick vänta över en timme trots bokad tid.',
    'Det tog två dagar innan någon ringde tillbaka.',
    'Telefonkön var lång och samtalet bröts.',
    'Personalen var stressad och otrevlig.',
    'Väntrummet var trångt och varmt.',
    'Tidsbokningen i Maisa fungerade inte.',
    'Jag fick ingen tydlig information om hur vården fortsätter.',
    'Det var svårt att få tid, nästa lediga tid först om tre veckor.',
    'Olika skötare varje gång, ingen känner till min situation.',
  ],
  child: ['Trevlig skötare!', 'Det var roligt.', 'Sprutan gjorde lite ont.', 'Det var tråkigt att vänta.'],
};

const en: Bank = {
  praise: [
    'Very friendly and professional staff. Thank you!',
    'The doctor listened and explained everything clearly.',
    'I was glad I could get service in English.',
    'Quick and smooth service.',
    'The nurse was calm and kind, my child felt safe.',
    'Great experience overall.',
    'Booking online was easy and I got an appointment the same week.',
    'The social worker really helped me understand my options.',
  ],
  mixed: [
    'Good care, but it was hard to get an appointment.',
    'Friendly staff, but the waiting time was too long.',
    'The treatment was fine, but the instructions were only in Finnish.',
  ],
  complaint: [
    'I had to wait over an hour despite having an appointment.',
    'Nobody called me back even though I asked for a call-back.',
    'It is very hard to get service in English; the letters were only in Finnish.',
    'The phone queue was 40 minutes long.',
    'The staff were rude and in a hurry.',
    'The online booking in Maisa did not work.',
    'I did not get clear information about the next steps.',
    'The waiting room was crowded and too warm.',
  ],
  child: ['Nice nurse!', 'It was fun.', 'The shot hurt a little.', 'Waiting was boring.'],
};

export const COMMENTS: Record<Language, Bank> = { fi, sv, en };

/** Sentences that carry personal data despite the form's warning; {phone}, {hetu} and {email} are filled in. */
export const PERSONAL_DATA_SENTENCES: Record<Language, readonly string[]> = {
  fi: [
    'Soittakaa minulle numeroon {phone}.',
    'Henkilötunnukseni on {hetu}, voitteko tarkistaa asian?',
    'Vastatkaa minulle sähköpostiin {email}.',
  ],
  sv: ['Ring mig på {phone}.', 'Min personbeteckning är {hetu}.', 'Svara gärna till {email}.'],
  en: ['Please call me at {phone}.', 'My personal identity code is {hetu}.', 'Please reply to {email}.'],
};
