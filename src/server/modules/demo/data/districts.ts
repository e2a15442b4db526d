// Helsinki districts with their Swedish names. Unit names need the Finnish and Swedish genitive ("Kallion
// terveysasema", "Berghälls hälsostation"), which cannot be derived by rule, so they are listed.

export interface District {
  key: string;
  fi: string;
  fiGen: string;
  sv: string;
  svGen: string;
}

const rows: [key: string, fi: string, fiGen: string, sv: string, svGen: string][] = [
  ['kallio', 'Kallio', 'Kallion', 'Berghäll', 'Berghälls'],
  ['vuosaari', 'Vuosaari', 'Vuosaaren', 'Nordsjö', 'Nordsjö'],
  ['malmi', 'Malmi', 'Malmin', 'Malm', 'Malms'],
  ['herttoniemi', 'Herttoniemi', 'Herttoniemen', 'Hertonäs', 'Hertonäs'],
  ['kannelmaki', 'Kannelmäki', 'Kannelmäen', 'Gamlas', 'Gamlas'],
  ['myllypuro', 'Myllypuro', 'Myllypuron', 'Kvarnbäcken', 'Kvarnbäckens'],
  ['viikki', 'Viikki', 'Viikin', 'Vik', 'Viks'],
  ['toolo', 'Töölö', 'Töölön', 'Tölö', 'Tölö'],
  ['lauttasaari', 'Lauttasaari', 'Lauttasaaren', 'Drumsö', 'Drumsö'],
  ['jakomaki', 'Jakomäki', 'Jakomäen', 'Jakobacka', 'Jakobacka'],
  ['maunula', 'Maunula', 'Maunulan', 'Månsas', 'Månsas'],
  ['kivikko', 'Kivikko', 'Kivikon', 'Stensböle', 'Stensböle'],
  ['itakeskus', 'Itäkeskus', 'Itäkeskuksen', 'Östra centrum', 'Östra centrums'],
  ['kontula', 'Kontula', 'Kontulan', 'Gårdsbacka', 'Gårdsbacka'],
  ['kamppi', 'Kamppi', 'Kampin', 'Kampen', 'Kampens'],
  ['kalasatama', 'Kalasatama', 'Kalasataman', 'Fiskehamnen', 'Fiskehamnens'],
  ['pasila', 'Pasila', 'Pasilan', 'Böle', 'Böle'],
  ['haaga', 'Haaga', 'Haagan', 'Haga', 'Haga'],
  ['pitajanmaki', 'Pitäjänmäki', 'Pitäjänmäen', 'Sockenbacka', 'Sockenbacka'],
  ['munkkiniemi', 'Munkkiniemi', 'Munkkiniemen', 'Munksnäs', 'Munksnäs'],
  ['oulunkyla', 'Oulunkylä', 'Oulunkylän', 'Åggelby', 'Åggelby'],
  ['puistola', 'Puistola', 'Puistolan', 'Parkstad', 'Parkstads'],
  ['tapanila', 'Tapanila', 'Tapanilan', 'Mosabacka', 'Mosabacka'],
  ['pukinmaki', 'Pukinmäki', 'Pukinmäen', 'Bocksbacka', 'Bocksbacka'],
  ['malminkartano', 'Malminkartano', 'Malminkartanon', 'Malmgård', 'Malmgårds'],
  ['mellunmaki', 'Mellunmäki', 'Mellunmäen', 'Mellungsbacka', 'Mellungsbacka'],
  ['kurkimaki', 'Kurkimäki', 'Kurkimäen', 'Tranbacka', 'Tranbacka'],
  ['laajasalo', 'Laajasalo', 'Laajasalon', 'Degerö', 'Degerö'],
  ['kulosaari', 'Kulosaari', 'Kulosaaren', 'Brändö', 'Brändö'],
  ['roihuvuori', 'Roihuvuori', 'Roihuvuoren', 'Kasberget', 'Kasbergets'],
  ['puotila', 'Puotila', 'Puotilan', 'Botbygård', 'Botbygårds'],
  ['vartiokyla', 'Vartiokylä', 'Vartiokylän', 'Botby', 'Botby'],
  ['meri-rastila', 'Meri-Rastila', 'Meri-Rastilan', 'Havsrastböle', 'Havsrastböle'],
  ['pakila', 'Pakila', 'Pakilan', 'Baggböle', 'Baggböle'],
  ['paloheina', 'Paloheinä', 'Paloheinän', 'Svedängen', 'Svedängens'],
  ['konala', 'Konala', 'Konalan', 'Kånala', 'Kånala'],
  ['pihlajamaki', 'Pihlajamäki', 'Pihlajamäen', 'Rönnbacka', 'Rönnbacka'],
  ['sornainen', 'Sörnäinen', 'Sörnäisten', 'Sörnäs', 'Sörnäs'],
  ['vallila', 'Vallila', 'Vallilan', 'Vallgård', 'Vallgårds'],
  ['kruununhaka', 'Kruununhaka', 'Kruununhaan', 'Kronohagen', 'Kronohagens'],
  ['punavuori', 'Punavuori', 'Punavuoren', 'Rödbergen', 'Rödbergens'],
  ['ruoholahti', 'Ruoholahti', 'Ruoholahden', 'Gräsviken', 'Gräsvikens'],
  ['jatkasaari', 'Jätkäsaari', 'Jätkäsaaren', 'Busholmen', 'Busholmens'],
  ['meilahti', 'Meilahti', 'Meilahden', 'Mejlans', 'Mejlans'],
  ['lassila', 'Lassila', 'Lassilan', 'Lassas', 'Lassas'],
  ['siltamaki', 'Siltamäki', 'Siltamäen', 'Brobacka', 'Brobacka'],
  ['suutarila', 'Suutarila', 'Suutarilan', 'Skomakarböle', 'Skomakarböle'],
  ['tapulikaupunki', 'Tapulikaupunki', 'Tapulikaupungin', 'Stapelstaden', 'Stapelstadens'],
  ['kallahti', 'Kallahti', 'Kallahden', 'Kallvik', 'Kallviks'],
  ['laakso', 'Laakso', 'Laakson', 'Dal', 'Dals'],
  ['ostersundom', 'Östersundom', 'Östersundomin', 'Östersundom', 'Östersundoms'],
];

export const DISTRICTS: readonly District[] = rows.map(([key, fi, fiGen, sv, svGen]) => ({
  key,
  fi,
  fiGen,
  sv,
  svGen,
}));

export function district(key: string): District {
  const found = DISTRICTS.find((d) => d.key === key);
  if (!found) throw new Error(`unknown demo district ${key}`);
  return found;
}
