/**
 * Small closed-class word lists (general English/news knowledge, not taken from any test page):
 * titles and roles, organisation head words, calendar words, news agencies.
 * All entries are folded (lower case, no diacritics).
 */

export const TITLE_WORDS = new Set(
  (
    'mr mrs ms miss mx dr prof professor sir dame lord lady president vice prime minister ministers premier chancellor ' +
    'secretary general gen brigadier lieutenant lt colonel col major maj captain capt sergeant sgt admiral adm ' +
    'commander marshal corporal private officer chief king queen prince princess emperor sheikh sheik ayatollah imam ' +
    'pope cardinal bishop archbishop rev reverend father pastor rabbi senator sen rep representative congressman ' +
    'congresswoman governor gov mayor ambassador envoy spokesman spokeswoman spokesperson judge justice attorney ' +
    'deputy director chairman chairwoman chair ceo cfo coo founder executive leader foreign defense defence interior ' +
    'finance health justice state assistant acting former late chancellor crown st saint mullah speaker ' +
    'ph.d phd md mba esq jr sr writer reporter correspondent editor columnist photographer analyst economist ' +
    'researcher scientist lawyer activist author coach manager striker midfielder defender goalkeeper ' +
    'commissioner superintendent inspector detective constable sheriff treasurer'
  ).split(/\s+/),
);

/** Heads of multi-word titles that precede a name ("Defense Minister", "Brigadier General"). */
export const ROLE_HEADS = new Set(
  (
    'president minister premier chancellor secretary general brigadier lieutenant colonel major captain sergeant ' +
    'admiral commander marshal king queen prince princess sheikh ayatollah pope cardinal bishop rabbi senator governor ' +
    'mayor ambassador envoy spokesman spokeswoman judge justice director chairman chief ceo leader speaker ' +
    'mr mrs ms dr prof gen sen rep gov lt col capt sgt maj adm rev sir commissioner inspector detective sheriff'
  ).split(/\s+/),
);

export const ORG_HEADS = new Set(
  (
    'corp corporation inc incorporated co company companies ltd llc plc group holdings bank institute institution ' +
    'university college school academy council committee commission party agency ministry department office bureau ' +
    'corps army navy force forces guard guards police organization organisation association federation union league ' +
    'foundation fund society center centre court parliament assembly congress senate authority board service services ' +
    'network news times post journal press club team airlines airways motors industries laboratories labs hospital ' +
    'church movement front alliance coalition brotherhood tribunal cabinet administration' 
  ).split(/\s+/),
);

export const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
];
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** News agencies and wire services: organisations, and often bare acronyms in datelines and credits. */
export const NEWS_AGENCIES = [
  'Reuters', 'Associated Press', 'AP', 'AFP', 'Agence France-Presse', 'Xinhua', 'TASS', 'RIA', 'RIA Novosti',
  'Interfax', 'IRNA', 'Tasnim', 'Fars', 'Anadolu', 'Kyodo', 'Yonhap', 'Bloomberg', 'Dow Jones', 'UPI', 'EFE', 'ANSA',
  'dpa', 'PTI', 'Bernama', 'Antara', 'SANA', 'WAFA', 'MENA', 'KCNA', 'Getty Images', 'BBC', 'CNN', 'Al Jazeera',
];

/**
 * Organisations that news names often and that the tagger, trained on older news, takes for people or places
 * ("Islamic State" as a place, "Roscosmos" as a person): armed groups, international bodies, space and intelligence
 * agencies. Known by name, as the news agencies are.
 */
export const WELL_KNOWN_ORGS = [
  'Islamic State', 'Islamic State of Iraq and the Levant', 'Islamic State of Iraq and Syria', 'ISIS', 'ISIL', 'Daesh', 'al-Qaeda', 'al-Qaida', 'Al-Qaeda', 'Al Qaeda', 'Hezbollah', 'Hamas', 'Taliban',
  'Boko Haram', 'al-Shabab', 'al-Shabaab', 'Al-Shabaab', 'Ansar al-Sharia', 'Islamic Jihad', 'NATO', 'United Nations',
  'IMF', 'World Bank', 'OPEC', 'Interpol', 'Europol', 'Red Cross', 'Red Crescent', 'Amnesty International',
  'Human Rights Watch', 'Doctors Without Borders', 'Médecins Sans Frontières', 'NASA', 'Roscosmos', 'FBI', 'CIA', 'NSA',
  'KGB', 'FSB', 'MI5', 'MI6', 'Mossad',
];

/** Function words that never start or end a name, even when capitalised at a sentence start. */
export const STOP_EDGE = new Set(
  (
    'the a an and or but of in on at to for from by with as if so than then this that these those it its he she they ' +
    'we i you his her their our my your there here when where while after before since during according despite ' +
    'however although though also not no yes all some many most much more other such both each every any one two ' +
    'three four five six seven eight nine ten first last next said says read photo credit related advertisement ' +
    'about just still even now today yesterday tomorrow meanwhile analysis officials sources like unlike via per ' +
    'under over into onto upon among amid against toward towards through throughout across behind beyond near inside ' +
    'outside between within what which who whom whose why how where whether because unless until once perhaps maybe ' +
    'indeed instead thus hence therefore why while yet already again always never often sometimes watch see click ' +
    'subscribe follow share'
  ).split(/\s+/),
);

/** Head words of facility and geographic names: places. */
export const PLACE_HEADS = new Set(
  (
    'museum airport stadium arena square plaza palace castle tower bridge street avenue boulevard road highway mosque ' +
    'cathedral temple synagogue shrine cemetery monument memorial wall hotel park province county district island ' +
    'islands mountain mountains river sea ocean lake lakes bay harbour harbor beach coast valley canyon peninsula ' +
    'strait gulf desert forest reef glacier region'
  ).split(/\s+/),
);

/** Last words of the names of events, awards and eras ("Great Depression", "Nobel Prize", "World War II"). Folded. */
export const EVENT_HEADS = new Set(
  (
    'award awards prize prizes medal medals trophy cup championship championships olympics olympiad festival war wars ' +
    'depression recession revolution uprising crisis pandemic epidemic spring'
  ).split(/\s+/),
);

/** Last words of product names, never of a person's or a place's ("Vision Pro", "Apple Pay", "Galaxy Ultra"). */
export const PRODUCT_TAILS = new Set(['pro', 'pay', 'plus', 'ultra', 'mini', 'max']);

/** Abbreviations of common things, written in capitals like names but never one ("PC", "GPU", "HDMI"). Folded. */
export const COMMON_ABBREVIATIONS = new Set(
  (
    'pc pcs tv tvs vr ar ai hd uhd hdr ram rom gpu cpu usb hdmi os ssd hdd led lcd oled gb mb tb kb fps api url html ' +
    'pdf gps faq diy atm id iq mp3 dvd cd sms wifi wi-fi lte 5g 4g 3g ios ui ux ceo cfo coo cto gdp vat ok pr hr it ' +
    'aa aaa dna rna hiv covid pm am er icu lsd mdma thc cbd ott vpn sdk ssl saas'
  ).split(/\s+/),
);

/** Universities named by one word that the tagger takes for places ("at Harvard"). Folded. */
export const UNIVERSITIES = new Set(['harvard', 'yale', 'princeton', 'stanford', 'cornell', 'dartmouth', 'caltech', 'mit']);

/**
 * Products, platforms and services that news names like organisations: devices, systems, browsers, apps, consoles.
 * A name that starts with one is a product ("Xbox Live", "PlayStation VR", "Chrome OS"), not a company. Folded.
 */
export const PRODUCTS = new Set(
  (
    'iphone ipad ipod imac macbook airpods android windows xbox playstation kindle siri chrome chromium firefox ' +
    'safari gmail photoshop excel powerpoint chatgpt bitcoin ethereum fortnite minecraft oculus wii linux ubuntu'
  ).split(/\s+/),
);
