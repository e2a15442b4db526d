import { describe, expect, test } from 'vitest';
import { isValidIban, isValidPersonalId, personalIdCheckCharacter, redactText } from './redaction.ts';

const CENTURY_SIGNS = ['+', '-', 'A', 'B', 'C', 'D', 'E', 'F', 'Y', 'X', 'W', 'V', 'U'];

function personalId(birth: string, sign: string, individual: string): string {
  return `${birth}${sign}${individual}${personalIdCheckCharacter(birth + individual)}`;
}

function wrongCheck(code: string): string {
  const right = code.at(-1) ?? '';
  const wrong = right === 'X' ? 'Y' : 'X';
  return code.slice(0, -1) + wrong;
}

describe('personal identity codes', () => {
  test('the check character is the nine digits mod 31 in the official alphabet', () => {
    expect(personalIdCheckCharacter('131052308')).toBe('T');
    expect(isValidPersonalId('131052-308T')).toBe(true);
    expect(isValidPersonalId('131052A308T')).toBe(true);
    expect(isValidPersonalId('131052-308U')).toBe(false);
  });

  test.each(CENTURY_SIGNS)('a code with century sign %s is replaced', (sign) => {
    const code = personalId('010203', sign, '456');
    expect(isValidPersonalId(code)).toBe(true);
    const result = redactText(`Minun hetu on ${code} ja asia koskee minua.`);
    expect(result.text).toBe('Minun hetu on [personal-id] ja asia koskee minua.');
    expect(result.redactions).toEqual({ personal_id: 1 });
    expect(result.changed).toBe(true);
  });

  test.each(CENTURY_SIGNS)(
    'a code with century sign %s and a wrong check character is replaced too',
    (sign) => {
      const code = wrongCheck(personalId('241299', sign, '901'));
      expect(isValidPersonalId(code)).toBe(false);
      expect(redactText(`hetu ${code}`).text).toBe('hetu [personal-id]');
    },
  );

  test('check characters outside the alphabet (G, I, O, Q, Z) and missing ones are still redacted', () => {
    for (const check of ['G', 'I', 'O', 'Q', 'Z']) {
      expect(redactText(`010190-123${check}`).text).toBe('[personal-id]');
    }
    expect(redactText('syntynyt 010190-123, soittakaa').text).toBe('syntynyt [personal-id], soittakaa');
  });

  test('lowercase codes and codes glued to words or punctuation are replaced', () => {
    expect(redactText('hetu:010190-123a.').text).toBe('hetu:[personal-id].');
    expect(redactText('(010100a123b)').text).toBe('([personal-id])');
    expect(redactText('hetux010100f123hx').text).toBe('hetux[personal-id]x');
    expect(redactText('"311299y9999"').text).toBe('"[personal-id]"');
  });

  test('several codes are all counted', () => {
    const text = `${personalId('010150', '-', '111')}, ${personalId('020205', 'B', '222')} ja ${personalId('030399', 'U', '333')}`;
    const result = redactText(text);
    expect(result.text).toBe('[personal-id], [personal-id] ja [personal-id]');
    expect(result.redactions.personal_id).toBe(3);
  });

  test('every generated valid code is found wherever it stands in a sentence', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      const day = String(1 + random(28)).padStart(2, '0');
      const month = String(1 + random(12)).padStart(2, '0');
      const year = String(random(100)).padStart(2, '0');
      const sign = CENTURY_SIGNS[random(CENTURY_SIGNS.length)] ?? '-';
      const code = personalId(`${day}${month}${year}`, sign, String(2 + random(898)).padStart(3, '0'));
      const variant = random(2) === 0 ? code : code.toLowerCase();
      const text = ['Hei ', '', 'tunnus:', '('][random(4)] + variant + ['.', '', ' kiitos', ')'][random(4)];
      const result = redactText(text);
      expect(result.text, text).toContain('[personal-id]');
      expect(result.text, text).not.toMatch(/\d{6}/);
    }
  });

  test('numbers that only resemble a code are left alone', () => {
    for (const text of ['0101901234567', '320190-123A', '011390-123A', '1010190-123A']) {
      expect(redactText(text).redactions.personal_id, text).toBeUndefined();
    }
  });
});

describe('phone numbers', () => {
  test.each([
    ['040 123 4567'],
    ['040-1234567'],
    ['0401234567'],
    ['050 555 1234'],
    ['+358 40 123 4567'],
    ['+358401234567'],
    ['+358 (0)40 123 4567'],
    ['00358 40 123 4567'],
    ['(09) 310 1234'],
    ['09 310 1234'],
    ['09-310 1234'],
    ['(014) 266 0000'],
    ['0800 123 456'],
    ['0800 12345'],
    ['020 634 0000'],
    ['+46 70 123 45 67'],
    ['+1 (555) 123-4567'],
    ['+44 20 7946 0958'],
  ])('%s is replaced', (number) => {
    const result = redactText(`Soittakaa minulle numeroon ${number}, kiitos.`);
    expect(result.text).toBe('Soittakaa minulle numeroon [phone], kiitos.');
    expect(result.redactions).toEqual({ phone: 1 });
  });

  test('a number glued to a word or after another number is found', () => {
    expect(redactText('puh.0401234567').text).toBe('puh.[phone]');
    expect(redactText('puh0401234567').text).toBe('puh[phone]');
    expect(redactText('vuonna 2024 soitin 0401234567').text).toBe('vuonna 2024 soitin [phone]');
    expect(redactText('2024 040 123 4567').text).toBe('2024 [phone]');
  });

  test('a count after the number is not eaten', () => {
    expect(redactText('soitin 040 123 4567 3 kertaa').text).toBe('soitin [phone] 3 kertaa');
  });

  test('two numbers in one sentence are both counted', () => {
    const result = redactText('09 310 1234 tai 050 555 1234');
    expect(result.text).toBe('[phone] tai [phone]');
    expect(result.redactions.phone).toBe(2);
  });

  test.each([
    ['Käynti 12.03.2025 oli hyvä'],
    ['1.3.2025'],
    ['01.02.2025'],
    ['01-02-2025'],
    ['12/03/2025'],
    ['2025-03-12'],
    ['01012025'],
    ['klo 14-16'],
    ['klo 08-16'],
    ['kello 8.00–16.00'],
    ['14.30-16.00'],
    ['08:00-16:00'],
    ['odotin 3 kk'],
    ['odotin 45 min'],
    ['vuonna 2024'],
    ['2023-2024'],
    ['maksoin 120 €'],
    ['1 200 euroa'],
    ['12,50 €'],
    ['0,50 €'],
    ['hinta 1 234 567 euroa'],
    ['+2 000 000 euroa'],
    ['arvosana 0-10'],
    ['huone 204'],
    ['0 1 2 3 4 5 6'],
  ])('%s is left alone', (text) => {
    const result = redactText(text);
    expect(result.text).toBe(text);
    expect(result.changed).toBe(false);
    expect(result.redactions).toEqual({});
  });
});

describe('e-mail addresses', () => {
  test.each([
    ['matti.meikalainen@example.com'],
    ['MATTI@EXAMPLE.FI'],
    ['anna-liisa+palaute@sub.domain.fi'],
    ['matti.040123@example.fi'],
    ['äiti.ström@esimerkki.fi'],
    ['etunimi.sukunimi(at)hel.fi'],
    ['etunimi.sukunimi [at] hel.fi'],
  ])('%s is replaced', (address) => {
    const result = redactText(`Vastatkaa osoitteeseen ${address}.`);
    expect(result.text).toBe('Vastatkaa osoitteeseen [email].');
    expect(result.redactions).toEqual({ email: 1 });
  });

  test('an @ without an address is left alone', () => {
    expect(redactText('tapaaminen @ 14, huone @B').changed).toBe(false);
  });
});

describe('redactText', () => {
  test('mixed personal data is replaced and counted by kind', () => {
    const result = redactText(
      'Olen 010190-123A, soita 040 123 4567 tai mailaa matti@example.fi. Käynti oli 12.03.2025 klo 14-16.',
    );
    expect(result.text).toBe(
      'Olen [personal-id], soita [phone] tai mailaa [email]. Käynti oli 12.03.2025 klo 14-16.',
    );
    expect(result.redactions).toEqual({ personal_id: 1, phone: 1, email: 1 });
  });

  test('text without personal data comes back unchanged', () => {
    const text = 'Hoitaja oli ystävällinen ja odotin vain 10 minuuttia. Tack för hjälpen!';
    expect(redactText(text)).toEqual({ text, redactions: {}, changed: false });
  });

  test('long hostile input is handled quickly', () => {
    const inputs = [
      'a'.repeat(5000),
      `${'a.'.repeat(2500)}@`,
      '1 '.repeat(2500),
      '0'.repeat(5000),
      '(0'.repeat(2500),
    ];
    for (const input of inputs) {
      const started = performance.now();
      redactText(input);
      expect(performance.now() - started, input.slice(0, 10)).toBeLessThan(200);
    }
  });
});

describe('IBANs', () => {
  test('Finnish and foreign IBANs, solid or grouped, are replaced', () => {
    expect(redactText('Tilini FI21 1234 5600 0007 85, kiitos').text).toBe('Tilini [iban], kiitos');
    expect(redactText('tili FI2112345600000785.').text).toBe('tili [iban].');
    expect(redactText('IBAN DE89 3704 0044 0532 0130 00').redactions).toEqual({ iban: 1 });
    expect(redactText('konto SE4550000000058398257466').text).toBe('konto [iban]');
  });

  test('an IBAN is one [iban], never taken for a phone number', () => {
    expect(redactText('FI21 1234 5600 0007 85')).toEqual({
      text: '[iban]',
      redactions: { iban: 1 },
      changed: true,
    });
  });

  test('a Finnish IBAN with a wrong checksum still goes; a foreign-looking code with a wrong one stays', () => {
    expect(redactText('FI00 1234 5600 0007 85').text).toBe('[iban]');
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(redactText('tuotekoodi AB12 3456 7890 1234').text).toBe('tuotekoodi AB12 3456 7890 1234');
  });
});

describe('person names', () => {
  test('a name after a title, role, introduction or signature is replaced and the cue kept', () => {
    expect(redactText('Lääkäri Virtanen oli ystävällinen.').text).toBe('Lääkäri [name] oli ystävällinen.');
    expect(redactText('Kiitos hoitaja Annalle!').text).toBe('Kiitos hoitaja [name]!');
    expect(redactText('lääkärin Matti Virtasen vastaanotolla').text).toBe('lääkärin [name] vastaanotolla');
    expect(redactText('Sjuksköterskan Lind var snäll.').text).toBe('Sjuksköterskan [name] var snäll.');
    expect(redactText('Dr Smith and nurse Mary were great').text).toBe(
      'Dr [name] and nurse [name] were great',
    );
    expect(redactText('Nimeni on Liisa Korhonen.').redactions).toEqual({ name: 1 });
    expect(redactText('Terveisin Pekka').text).toBe('Terveisin [name]');
  });

  test('capitalised words without a cue, and common words after one, are left alone', () => {
    for (const text of [
      'Helsinki on kaunis. Virtanen?',
      'Hoitaja oli mukava.',
      'Lääkäri. Oli kiire.',
      'The nurse was kind',
    ]) {
      expect(redactText(text).text).toBe(text);
    }
  });

  test('dates, appointment times and amounts around names and accounts are kept', () => {
    expect(redactText('Aika 12.03.2025 klo 14.30, maksu 41,80 € lääkäri Virtanen').text).toBe(
      'Aika 12.03.2025 klo 14.30, maksu 41,80 € lääkäri [name]',
    );
  });
});
