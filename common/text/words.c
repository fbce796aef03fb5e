/*
 * words.c - the built-in word lists (contract and the reasons for every
 * list in words.h) and the one table they are looked up in.
 *
 * The lists are plain arrays, written as people read them; on first use
 * they go into one open-addressing hash table (FNV-1a, linear probing) that
 * holds each word once with the bits of all its lists.  The analyzer looks
 * a word up several times for each capitalised word of a text, so a lookup
 * is one hash and, mostly, one probe, as when each analyzer built its own
 * table; now the table is built once per process (pthread_once) in static
 * storage, so that creating an analyzer no longer allocates or fills it.
 *
 * Not for: phrases (several words) or anything that needs the words in
 * order; see words.h.
 */
#include "text/words.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 4096 /* a power of two, over twice the words of all lists */

/* ---- the analyzer's lists (text/entity.c, text/context.c, text/lexer.c) -- */

static const char *const stop_words[] = {
    "a", "an", "the", "and", "or", "but", "nor", "if", "in", "on", "at", "to",
    "of", "for", "by", "with", "from", "as", "into", "onto", "upon", "about",
    "above", "after", "before", "while", "when", "whenever", "where", "why",
    "how", "what", "who", "whom", "whose", "which", "that", "this", "these",
    "those", "there", "here", "it", "its", "he", "she", "they", "we", "i",
    "you", "his", "her", "hers", "their", "theirs", "our", "ours", "my",
    "your", "yours", "him", "them", "us", "me", "is", "are", "was", "were",
    "be", "been", "being", "has", "have", "had", "do", "does", "did", "not",
    "no", "yes", "so", "yet", "then", "than", "also", "however", "meanwhile",
    "although", "though", "because", "since", "until", "unless", "during",
    "under", "over", "between", "among", "amid", "against", "without",
    "within", "through", "throughout", "toward", "towards", "all", "any",
    "some", "many", "much", "most", "more", "less", "few", "other", "another",
    "such", "each", "every", "both", "either", "neither", "last", "next",
    "only", "just", "even", "still", "now", "today", "tonight", "yesterday",
    "tomorrow", "according", "despite", "like", "unlike", "per", "via",
    "said", "says", "say", "thus", "hence", "therefore", "instead", "indeed",
    "perhaps", "maybe", "nevertheless", "nonetheless", "moreover",
    "furthermore", "besides", "otherwise", "dear", "hi", "hello", "please",
    "thanks", "will", "would", "can", "could", "should", "might", "must",
    "shall", "let", "one", "two", "three", "first", "second", "third",
    "earlier", "later", "recently", "off", "out", "up", "down", "around",
    "across", "behind", "beyond", "near", "inside", "outside", "whether",
    "once", "again", "already", "always", "never", "often", "sometimes",
    "very", "too", "well", "shares", "see", "read", "watch", "breaking",
    "update", "exclusive", "analysis", "opinion", "editorial", "year", "net",
    "note", "total", "photo", "video", "including", "excluding", "following",
    "regarding", "concerning", "mostly", "partly", "currently", "overall",
    "separately", "additionally", "ultimately", "notably", "initially",
    "finally", "fortunately", "unfortunately", "interestingly", "clearly",
    "instead", "conclusion", "everyone", "everybody", "someone", "somebody",
    "anyone", "anybody", "nobody", "everything", "something", "nothing"};

static const char *const title_words[] = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame",
    "lord", "lady", "president", "vice", "prime", "minister", "premier",
    "chancellor", "chairman", "chairwoman", "chairperson", "chair", "ceo",
    "cfo", "cto", "coo", "founder", "cofounder", "co-founder", "chief",
    "executive", "director", "secretary", "senator", "sen", "representative",
    "rep", "congressman", "congresswoman", "governor", "gov", "mayor",
    "prince", "princess", "crown", "sheikh", "pope", "emperor", "empress",
    "judge", "justice", "gen", "lt", "col", "capt", "sgt", "adm", "maj",
    "cmdr", "commander", "colonel", "captain", "lieutenant", "sergeant",
    "admiral", "marshal", "ambassador", "envoy", "commissioner", "spokesman",
    "spokeswoman", "spokesperson", "rev", "reverend", "bishop", "archbishop",
    "cardinal", "rabbi", "imam", "ayatollah", "coach", "manager", "deputy",
    "acting", "former", "late", "president-elect", "head", "leader",
    "analyst", "economist", "editor", "reporter", "boss", "officer",
    "attorney", "speaker", "chairman-elect",
    /* jobs a news story writes before a name, as it writes titles
     * ("Forecaster Alex Deakin", "Treasurer Felix Ambrose"): never the
     * first word of the name.  Not the jobs that are common surnames
     * (Baker, Farmer, Carpenter, Nurse, Dean) or companies' words
     * (Principal, Investor) */
    "forecaster", "meteorologist", "climatologist", "treasurer", "auditor",
    "comptroller", "councillor", "councilor", "councilman", "councilwoman",
    "alderman", "assemblyman", "assemblywoman", "lawmaker", "legislator",
    "prosecutor", "solicitor", "barrister", "lawyer", "magistrate", "coroner",
    "inspector", "superintendent", "detective", "constable", "sheriff",
    "registrar", "provost", "trustee", "rector", "vicar", "pastor", "priest",
    "chaplain", "negotiator", "mediator", "strategist", "scientist",
    "researcher", "lecturer", "historian", "novelist", "poet", "author",
    "architect", "designer", "engineer", "campaigner", "activist",
    "organiser", "organizer", "volunteer", "entrepreneur", "broadcaster",
    "presenter", "photographer", "surgeon", "paramedic", "firefighter",
    "headteacher", "headmaster", "headmistress", "teacher", "midfielder",
    "striker", "goalkeeper", "defender", "winger", "skipper", "jockey",
    "defendant", "whistleblower",
    /* British councils' abbreviation ("Cllr Jane Roe"), and who a story
     * says someone is before the name ("Parent Jane Roe", "Resident ...") */
    "cllr", "parent", "resident", "pupil", "commuter", "shopper", "neighbour",
    "neighbor",
    /* honorifics of South Asia and West Africa (Shri, Smt., Alhaji; not
     * Sri, which opens Sri Lanka),
     * a rank's first word (Rear Admiral), and jobs a business page writes
     * before a name ("Broker Ravi Sundaram", "Retailer Bunyip & Co.",
     * "Standing Counsel Rajat Oberoi") */
    "shri", "smt", "shrimati", "kumari", "alhaji", "alhaja", "rear",
    "broker", "retailer", "counsel",
    /* honorifics and titles of Ghana (Opanin, Omanhene: an elder, a
     * paramount chief), Pakistan and Malaysia (Haji, Engr), Fiji (Ratu),
     * a nun's (Sister), and jobs a report writes before a name
     * ("Fisherman Rogelio Bongalos", "Wicketkeeper Jason Clarke-Inniss");
     * not Hon (Hon Hai) nor Nana (a name's first word in Ghana's truth) */
    "opanin", "omanhene", "haji", "hajji", "hajia", "engr", "ratu", "sister",
    "madam", "fisherman", "wicketkeeper",
    /* a court's and a bench's (Advocate, Senior Advocate, Judicial
     * Member, Retd.), a match official's (Referee, Umpire), Ireland's
     * parliament (TD, Taoiseach, Tánaiste, Ceann Comhairle,
     * Cathaoirleach) */
    "advocate", "senior", "member", "retd", "referee", "umpire", "td", "tds",
    "taoiseach", "tanaiste", "ceann", "comhairle", "cathaoirleach",
    /* titles of address across cultures, never a word of the name they
     * open (round 21): kinship honorifics of respect (Aunty, Uncle: an
     * Indigenous Australian elder; Abuela), an Australian councillor (Cr),
     * police ranks of South Asia and Nigeria (SP, ASP, DSP, ACP, IGP, AIG,
     * DIG), Malaysian honours and forms of address (Datuk, Dato', Datin,
     * Tun, Puan, Encik; Tan Sri is read in text/entity.c: Tan is a
     * surname), Hausa Hajiya, a Yoruba king (Oba), clergy (Fr, Msgr,
     * Monsignor, Ustaz, Evangelist, Apostle), a court's and a county's
     * (Adv, Atty, Clerk), academic ranks (Associate, Assistant Professor),
     * military ranks (Brigadier, Commodore, Corporal), and who a story says
     * someone is (Substitute, Smallholder, Herder).  Not the titles that
     * are common surnames or given names too (Elder, Deacon, Mufti, Igwe,
     * Obi, Sultan, Emir, Tunku, Begum) */
    "aunty", "auntie", "uncle", "abuela", "abuelo", "cr", "sp", "asp", "dsp", "acp", "igp",
    "aig", "dig", "datuk", "dato", "datin", "tun", "puan", "encik", "hajiya", "oba", "fr",
    "msgr", "monsignor", "ustaz", "ustazah", "evangelist", "apostle", "adv", "atty", "clerk",
    "associate", "assistant", "adjunct", "brigadier", "brig", "commodore", "corporal", "cpl",
    "trooper", "chef", "substitute", "smallholder", "herder", "pastoralist", "farmworker",
    /* more titles of address (round 24): Amharic (Ato, Weyzero and its
     * spellings, W/ro written Wro), Indonesian and Malay (Ibu, Bapak, Cik;
     * not Pak nor Bu: Korean and Chinese surnames), Hausa (Mallam), Swahili
     * (Mzee, Bwana), Gulf (Sheikha), Tamil (Thiru, Tmt, Selvi), Thai (Khun),
     * German, French and Spanish forms of address (Herr, Frau, Monsieur,
     * Madame, Mme, Mlle, Señor, Señora, Sra); not Don nor Dona (given
     * names), nor Tuan (a Vietnamese given name) */
    "ato", "weyzero", "woizero", "weizero", "wro", "ibu", "bapak", "cik", "mallam", "mzee",
    "bwana", "sheikha", "thiru", "tmt", "selvi", "khun", "herr", "frau", "monsieur", "madame",
    "mme", "mlle", "senor", "senora", "sra",
    /* Bhutan's forms of address and honours (round 27): Aum (a woman),
     * Dasho (a man honoured by the king), Lyonpo (a minister) */
    "aum", "dasho", "lyonpo"};

static const char *const particle_words[] = {
    "de", "da", "di", "du", "des", "del", "della", "dos", "das", "van", "von",
    "der", "den", "ter", "ten", "bin", "ibn", "bint", "al", "el", "le", "la",
    "zu", "y", "dela", "af",
    /* Malay "daughter of" (Nurul Huda binte Ismail), Irish "of the"
     * (Coimisiún na Meán) */
    "binte", "binti", "na",
    /* Kalenjin "son of" (Kiprono arap Sang), Welsh "son of" (Rhys ap
     * Gwilym), Spanish "de los" (Rodrigo de los Reyes), Scottish Gaelic
     * "of the" (Fèisean nan Eilean), Māori "of" (Te Rūnanga o Ngāti
     * Rākau): lower-case words English text hardly writes alone */
    "arap", "ap", "los", "las", "nan", "o",
    /* Central Asian and Caucasian patronymics after the father's name,
     * "son of" and "daughter of" (Nurlan Asanbek uulu, Aigerim Toktogul
     * kyzy, Elvin Mammad oglu): BYL_WL_PATRONYMIC */
    "uulu", "kyzy", "uly", "qyzy", "ogly", "oglu", "gyzy", "qizi", "gizi", "kizi"};

static const char *const date_words[] = {
    "january", "february", "march", "april", "june", "july", "august",
    "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "feb", "apr",
    "aug", "sept", "oct", "nov", "dec", "tue", "tues", "thu", "thur", "thurs",
    "fri"};

static const char *const datenum_words[] = {"may", "mar", "jan", "jun", "jul",
                                            "sep", "sun", "sat", "wed", "mon"};

static const char *const suffix_words[] = {"inc", "corp", "ltd", "llc", "plc",
                                           "co", "jr", "sr", "gmbh",
                                           /* legal forms of South Africa and
                                            * Australia ((Pty) Ltd), India
                                            * (Pvt. Ltd.), Nigeria (Nig.
                                            * Ltd.), Italy (S.p.A.), Sweden
                                            * (AB) */
                                           "pty", "pvt", "nig", "spa", "ab",
                                           /* and of the US and Canada
                                            * (LLP, LP, ULC), the Gulf and
                                            * Russia (PJSC, JSC, PSC, SAOG),
                                            * Malaysia (Sdn Bhd), Singapore
                                            * (Pte), the Netherlands (NV,
                                            * BV), Germany and Switzerland
                                            * (AG), France and Spain (SA,
                                            * SAS, SARL, SL), Italy (SRL),
                                            * Japan (KK), Nordic (Oyj, ASA),
                                            * Indonesia (Tbk); "Limited"
                                            * written out */
                                           "llp", "lp", "ulc", "pjsc", "jsc", "psc", "saog", "sdn", "bhd",
                                           "pte", "nv", "bv", "ag", "sa", "sas", "sarl", "srl", "kk",
                                           "oyj", "asa", "tbk", "limited",
                                           /* and more of the world's:
                                            * Germany's partnerships (KG,
                                            * KGaA, OHG, UG), the European
                                            * company (SE), Finland (Oy),
                                            * Denmark (ApS), Latin America
                                            * (Ltda, SAB, SAA, SAC), Egypt
                                            * (SAE), Japan (GK); not Norway's
                                            * and Turkey's AS (a stop word) */
                                           "kg", "kgaa", "ohg", "ug", "se", "oy", "aps", "ltda",
                                           "sab", "saa", "sac", "sae", "gk",
                                           /* round 25: Iceland (hf., ehf.),
                                            * Bulgaria (EOOD, OOD, EAD),
                                            * Portugal (Lda., CRL of a
                                            * cooperative) */
                                           "hf", "ehf", "eood", "ood", "ead", "lda", "crl",
                                           /* round 26: Hungary (Kft., Zrt.,
                                            * Nyrt.), Oman's closed joint
                                            * stock company (SAOC, beside
                                            * SAOG) */
                                           "kft", "zrt", "nyrt", "saoc"};

static const char *const abbr_words[] = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "sen", "rep",
    "cllr", "smt", "pvt", "nig", "gov", "lt", "col", "capt", "sgt", "adm", "maj", "cmdr", "rev", "hon",
    "inc", "corp", "ltd", "co", "bros", "vs", "etc", "no", "nos", "approx",
    "dept", "est", "fig", "vol", "mt", "ft", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "pp", "ca", "cf",
    "al",
    /* legal forms that more of the form follows (Sdn. Bhd., Pte. Ltd.,
     * Pty. Ltd.): the period is the abbreviation's, the name goes on */
    "sdn", "pte", "pty"};

static const char *const org_words[] = {
    "university", "bank", "institute", "department", "ministry", "school",
    "government", "directorate", "division",
    "college", "academy", "museum", "council", "commission", "federation",
    "association", "society", "church", "republic", "kingdom", "board",
    "office", "court", "center", "centre", "foundation", "organization",
    "organisation", "union", "league", "house", "hospital", "bureau",
    "agency", "chamber", "party", "state", "states", "city", "bay", "gulf",
    "isle", "lake", "cape", "port", "duke", "service", "services", "group",
    "commission", "committee", "institute", "authority", "administration",
    "association", "corporation", "company", "fund", "trust", "exchange",
    "court", "agency", "programme", "program", "council", "guild",
    "organization", "press", "bancorp", "holdings", "partners", "capital",
    "securities", "assembly", "network", "alliance", "federation", "reserve",
    "forum", "banco", "banque", "grupo", "groupe",
    /* bodies and prizes whose names go on after "for", "of", "on"
     * (European Prize for Public Architecture, Intergovernmental Panel on
     * Climate Change, Campaign for Better Transport) */
    "prize", "award", "awards", "panel", "campaign", "coalition", "initiative",
    "partnership", "movement", "tribunal", "inquiry", "taskforce",
    "conference", "convention", "summit",
    /* a firm of professionals (Kessler, Haught & Associates), a care home
     * (Po On Road Care and Attention Home), a body's own words (Executive
     * Council) */
    "associates", "home", "consultants",
    /* French institutions (Conseil québécois du transport lourd, École de
     * conduite Dufresne: text/entity.c reads the lower-case words after
     * them), accents stripped as keys are */
    "conseil", "ecole", "societe", "institut", "ministere", "regie", "syndicat", "caisse",
    "chambre", "universite", "comite", "agence", "autorite", "compagnie", "fondation",
    "musee", "hopital", "cegep",
    /* bodies named "X of Y" (round 21: Knights of Columbus, Faculty of
     * Agriculture, Order of Australia, Fellowship of Christian Athletes)
     * and the units of a university, a police force or a newsroom
     * (Laboratory of Neurogenetics, Lagos State Police Command, Fact Check
     * Unit); not Congress, a one-word organisation of its own (an
     * organisation's word alone is no name) */
    "knights", "order", "brotherhood", "fraternity", "sorority", "fellowship", "faculty",
    "laboratory", "laboratories", "command", "secretariat", "confederation",
    "cooperative", "co-operative", "consortium", "syndicate", "observatory", "unit",
    /* the institutions' and companies' words of Spanish, Portuguese,
     * Italian, German, Dutch and Nordic names, as keys write them (no
     * accents): Compañía Minera del Pacífico Sur, Companhia Siderúrgica,
     * Fundación Solidaridad, Stichting Natuur, Deutsche Bahn Stiftung; a
     * name with one is an organisation's, not a person's */
    "compania", "companhia", "empresa", "empresas", "sociedad", "sociedade", "fundacion",
    "fundacao", "instituto", "universidad", "universidade", "ministerio", "asociacion",
    "associacao", "corporacion", "cooperativa", "mineracao", "minera", "federacion",
    "comision", "consejo", "societa", "gruppo", "banca", "fondazione", "universita",
    "ministero", "associazione", "consorzio", "gesellschaft", "verband", "stiftung",
    "ministerium", "universitat", "hochschule", "gruppe", "verein", "kammer", "stichting",
    "vereniging", "gemeente", "universiteit", "forening", "selskab", "kommune", "universitet"};

/* Labels of the date, credit and section lines of web pages: such a word
 * never starts a name ("Published Date", "Updated Monday"). */
static const char *const label_words[] = {
    "published", "updated", "posted", "date", "dated", "modified", "reporting",
    "editing", "writing", "additional", "caption", "advertisement",
    "sponsored", "subscribe", "newsletter", "byline", "filed",
    /* a contact line's or a share bar's "Email", "Tel" */
    "email", "e-mail", "tel",
    /* a rights or credit line's first word (Copyright Acme Media,
     * Courtesy Jane Roe); not Credit (Credit Suisse) */
    "copyright", "courtesy"};

/* Places and peoples that a text names as one capitalised word: they are
 * not one-word organisations or people (China, Beijing, American). */
static const char *const place_words[] = {
    "africa", "america", "americas", "asia", "europe", "oceania", "arctic",
    "antarctica", "atlantic", "pacific", "mediterranean", "caribbean",
    "china", "india", "japan", "korea", "taiwan", "vietnam", "thailand",
    "indonesia", "malaysia", "singapore", "philippines", "pakistan",
    "bangladesh", "afghanistan", "iran", "iraq", "syria", "lebanon", "israel",
    "gaza", "jordan", "egypt", "libya", "tunisia", "algeria", "morocco",
    "nigeria", "ghana", "kenya", "ethiopia", "sudan", "somalia", "zimbabwe",
    "zambia", "angola", "mozambique", "qatar", "kuwait", "bahrain", "oman",
    "yemen", "turkey", "russia", "ukraine", "belarus", "poland", "germany",
    "france", "italy", "spain", "portugal", "britain", "england", "scotland",
    "wales", "ireland", "netherlands", "holland", "belgium", "luxembourg",
    "switzerland", "austria", "hungary", "romania", "bulgaria", "greece",
    "serbia", "croatia", "sweden", "norway", "denmark", "finland", "iceland",
    "canada", "mexico", "brazil", "argentina", "chile", "peru", "colombia",
    "venezuela", "ecuador", "bolivia", "uruguay", "paraguay", "cuba",
    "australia", "zealand", "kazakhstan", "uzbekistan", "mongolia",
    "beijing", "shanghai", "shenzhen", "hangzhou", "guangzhou", "tokyo",
    "seoul", "delhi", "mumbai", "dubai", "riyadh", "tehran", "baghdad",
    "cairo", "istanbul", "ankara", "moscow", "kyiv", "kiev", "warsaw",
    "berlin", "frankfurt", "munich", "paris", "london", "madrid",
    "barcelona", "rome", "milan", "amsterdam", "brussels", "geneva",
    "zurich", "vienna", "stockholm", "oslo", "copenhagen", "helsinki",
    "dublin", "lisbon", "athens", "washington", "chicago", "boston",
    "houston", "dallas", "miami", "atlanta", "seattle", "toronto",
    "montreal", "vancouver", "sydney", "melbourne", "jakarta", "manila",
    "bangkok", "hanoi", "taipei", "johannesburg", "lagos", "nairobi",
    "toulouse", "hollywood", "wall", "american", "americans", "chinese",
    "japanese", "korean", "indian", "european", "europeans", "african",
    "asian", "arab", "arabs", "british", "english", "french", "german",
    "germans", "italian", "spanish", "dutch", "portuguese", "russian",
    "russians", "ukrainian", "israeli", "israelis", "palestinian",
    "palestinians", "iranian", "iraqi", "saudi", "saudis", "egyptian",
    "turkish", "greek", "polish", "swedish", "norwegian", "danish",
    "finnish", "swiss", "austrian", "belgian", "irish", "scottish",
    "canadian", "mexican", "brazilian", "argentine", "australian",
    "western", "eastern", "northern", "southern", "christian", "muslim",
    "muslims", "jewish", "catholic", "republican", "republicans",
    "democrat", "democrats", "democratic", "internet", "christmas",
    "easter", "ramadan", "celsius", "fahrenheit", "euro", "euros", "yuan",
    "yen", "rupee", "rupees", "won", "peso", "pesos", "riyal", "riyals",
    "sterling", "dollar", "dollars", "brent", "bitcoin", "god",
    /* peoples, nations and their languages, and the adjectives of regions
     * (round 21): a group or a tongue, never a person or an organisation
     * by itself (Aboriginal, Aymara, Baltic, Yoruba, Tamil); the ones of
     * -ean, -ese, -ian, -ish a rule of text/entity.c already reads */
    "aboriginal", "aborigines", "indigenous", "maori", "pasifika", "inuit", "metis", "sami",
    "aymara", "quechua", "guarani", "mapuche", "cree", "navajo", "cherokee", "lakota",
    "ojibwe", "zulu", "xhosa", "sotho", "tswana", "yoruba", "igbo", "hausa", "fulani",
    "swahili", "amharic", "oromo", "pashtun", "baloch", "tamil", "tamils", "sinhala",
    "bengali", "punjabi", "gujarati", "marathi", "hindi", "urdu", "malay", "malays", "hmong",
    "rohingya", "uyghur", "uyghurs", "uighur", "tibetan", "kurd", "kurds", "kurdish", "druze",
    "berber", "amazigh", "tuareg", "bedouin", "basque", "catalan", "galician", "breton",
    "welsh", "flemish", "walloon", "frisian", "baltic", "nordic", "slavic", "latino",
    "latina", "latinos", "hispanic", "arabic", "persian", "hebrew", "yiddish", "tongan",
    "samoan", "fijian", "creole", "afrikaans", "afrikaner", "afrikaners", "filipino",
    "filipinos", "thai", "lao", "khmer", "burmese", "dalit", "dalits", "adivasi"};

/* Upper-case abbreviations that are not organisations (not "eu": the
 * European Union is one, round 24). */
static const char *const notorg_words[] = {
    "ai", "ceo", "cfo", "cto", "coo", "gdp", "ipo", "etf", "usd", "eur",
    "gbp", "cpi", "ppi", "api", "gpu", "gpus", "cpu", "ev", "evs", "llm",
    "tv", "pc", "ok", "faq", "ps", "am", "pm", "et", "gmt", "utc", "est",
    "pdt", "pst", "bst", "cet", "dna", "hiv", "covid", "q", "a", "i", "ii",
    "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "ltd", "plc",
    "inc", "llc", "mp", "mps", "phd", "vp", "hr", "it", "pr", "qa", "id",
    "vr", "ar", "xr", "os", "ui", "ux", "hbm", "ram", "ssd", "lng", "oil",
    "us", "usa", "uk", "un", "uae", "mr", "mrs", "dr", "nb", "pct",
    "bps", "mln", "bln", "dlrs", "vs", "ft", "km", "kg", "mw", "gw", "twh",
    "kwh", "bpd", "esg", "m&a", "r&d", "q1", "q2", "q3", "q4", "h1", "h2",
    /* currencies and figures of accounts: an acronym of three capitals
     * is an organisation even at a sentence's start (entity.c), these
     * never are */
    "rmb", "cny", "jpy", "chf", "inr", "hkd", "aud", "cad", "krw", "brl", "rub", "sgd",
    "ebitda", "eps", "yoy", "gmv", "arpu", "saas", "suv", "suvs", "ipos", "etfs", "gdpr",
    /* letters after a name (Caroline Ashworth KC, Jane Roe MEP): an honour
     * or an office, not a word of the name */
    "kc", "qc", "kbe", "dbe", "cbe", "obe", "mbe", "mep", "meps", "msp", "msps",
    /* and more of them: senior counsel of South Africa and Ireland (SC),
     * Senior Advocate of Nigeria (SAN), Australian and Commonwealth
     * honours (AO, OAM, KCMG, FRS), members of provincial and national
     * assemblies (MLA, MPP, MNA, MHA) */
    "sc", "san", "ao", "oam", "kcmg", "frs", "mla", "mlas", "mpp", "mna", "mha",
    /* time zones after a clock time (6:12 PM NZDT, 06:00 PHT): never a
     * name; not the ones that are also words (CAT, EAT, WAT, WEST) */
    "edt", "cst", "cdt", "mst", "mdt", "akst", "akdt", "hst", "ct", "ist", "cest",
    "eet", "eest", "wib", "wita", "sast", "msk", "pht", "pkt", "hkt", "sgt",
    "myt", "jst", "kst", "ict", "awst", "acst", "acdt", "aest", "aedt", "nzst",
    "nzdt", "ast", "adt", "nst", "ndt", "irst", "trt", "gst", "npt"};

/* "of", "for" and "on" join an organisation word to what follows (Bank
 * of England, Office for National Statistics, Committee on Foreign
 * Relations) when a capitalised word follows; "and" joins two of them. */
static const char *const of_words[] = {"of", "for", "on"};
/* French "et" and German "und" stand inside names in English text
 * (Autobus et Transport Mercier, Moët et Chandon): text/entity.c never
 * splits a name at them */
static const char *const and_words[] = {"and", "et", "und"};

/* ---- the byline reader's lists (doc/byline.c) ----------------------------- */

/* Words that make a byline part a role or a desk, not a person. */
static const char *const byline_roles[] = {
    "writer",  "writers",  "correspondent", "correspondents", "reporter", "reporters",
    "editor",  "editors",  "staff",         "contributor",    "contributors",
    "columnist", "bureau", "chief",         "special",        "analyst",  "desk",
    "newsroom", "team",    "journalist",    "journalists", "news",
};

/* Words of a newspaper's or magazine's name: after a name and a comma in
 * a byline, the writer's publication, not a second writer ("By Jane Roe,
 * Financial Times").  Not "Post", "Standard", "Mail": surnames too. */
static const char *const byline_press[] = {
    "times", "journal", "guardian", "telegraph", "herald", "tribune", "gazette", "chronicle",
    "magazine", "daily", "observer", "independent", "economist", "bulletin", "courier",
    "examiner", "inquirer", "dispatch", "newspaper", "weekly", "globe"};

/* Particles of names in bylines only, beside particle_words (words.h says
 * why they are not particles in running text). */
/* Portuguese "do", "e" (João do Rio, Maria e Silva); the Turkic
 * patronymics that close a name (Kyrgyz "uulu", "kyzy", Kazakh "uly",
 * Azerbaijani "oglu", "qizi": Aibek Toktosun uulu) -- in a byline only,
 * where a name ends at them rather than before them */
static const char *const byline_particles[] = {"do", "e", "uulu", "kyzy", "uly", "qyzy",
                                               "oglu", "ogly", "qizi", "gyzy"};

/* Common words that rule out a lower-case name ("by the time", "by now"). */
static const char *const byline_common[] = {
    "the", "a", "an", "this", "that", "these", "those", "then", "now", "far", "way",
    "all", "its", "his", "her", "their", "our", "my", "your", "some", "any", "no", "not",
    "one", "two", "end", "time", "day", "year", "week", "month", "night", "law", "car",
    "train", "plane", "bus", "mail", "phone", "email", "default", "design", "contrast",
    "comparison", "itself", "themselves", "and", "or", "of", "to", "in", "on", "at", "for",
    "with", "from", "is", "was", "will", "be", "has", "had", "have", "more", "most", "less",
    "much", "many", "next", "last", "early", "late", "noon", "midnight", "tomorrow", "today",
    "tonight", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "hand", "nature", "chance", "accident",
};

/* ---- the query planner's lists (query/search.c) --------------------------- */

/* English function words.  In a long query (a sentence: "What problems
 * are there in making up descriptive titles?") they say how the question
 * is asked, not what it is about; rare in the articles, they would get a
 * high idf and pull in documents for "what" or "there". */
static const char *const query_stop[] = {
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between",
    "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during",
    "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her",
    "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into",
    "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor",
    "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours",
    "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such",
    "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
    "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
    "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves"};

/* Short function words that are also written as acronyms (us / US,
 * it / IT, who / WHO): the exception to "case does not matter". */
static const char *const query_acronym[] = {
    "us", "it", "who", "am", "as", "at", "in", "is", "or", "an", "on", "no", "me", "we", "he",
    "be", "do", "so", "to", "up", "my", "by", "of", "if", "go", "id", "ok", "hi", "a", "i"};

/* Verbs of saying: a capitalised word that opens a sentence before one
 * speaks as a name does ("Tesla says", "Ausgrid warned"), text/entity.c. */
static const char *const says_words[] = {
    "said", "says", "told", "warned", "announced", "confirmed", "denied", "declined",
    "added", "reported"};

/* Labels of a line that links to another article ("Related: Drought
 * grips the south", "Read more: ...", "See also: ..."): the rest of the
 * line is that article's headline, text/context.c. */
static const char *const link_words[] = {
    "related", "read", "more", "see", "also", "watch", "listen", "recommended",
    "trending", "latest", "explainer", "background", "previously"};

/* Offices held in a firm or a body, written between its name and the
 * holder's: "Fed Chair Jerome Powell", "Tesla CEO Elon Musk" (text/entity.c:
 * the word before is an organisation).  Not "Minister", "Secretary": a
 * ministry's subject comes before them (Finance Minister). */
static const char *const office_words[] = {
    "chair", "chairman", "chairwoman", "ceo", "cfo", "president", "founder", "boss", "chief"};

/* ---- the headings of text/context.c ---------------------------------------- */

/* What Title Case leaves in lower case: articles, conjunctions, short
 * prepositions.  Not every function word: "Caroline Ashworth said so.
 * Then ..." is a sentence, and its "said" and "so" must not make it a
 * heading's lead-in. */
static const char *const titlecase_small[] = {
    "a", "an", "the", "and", "but", "or", "nor", "for", "as", "at", "by", "in", "of", "off",
    "on", "per", "to", "up", "via", "vs", "with", "from", "into", "onto", "over", "than", "v"};

/* ---- where a name stands (query/names.c, docs/ARTICLES.md) ---------------- */

/* A word before a place: "a plant in Cork", "near Alzira". */
/* round 26: "above", "below", "beyond" a place on a slope or a road
 * (the pen above Kessa) */
static const char *const loc_words[] = {"in",     "near",  "around", "outside", "across",
                                        "throughout", "above", "below", "beyond"};

/* A site before "at": "coal units at Eraring", "a plant at Leirvik". */
static const char *const site_words[] = {
    "plant", "plants", "factory", "factories", "site", "sites", "unit", "units",
    "yard", "yards", "mine", "mines", "station", "stations", "terminal", "refinery",
    "base", "camp", "warehouse", "facility", "facilities", "port", "works"};

/* Movement within three words before "to"/"from": "flights from Denver". */
static const char *const move_words[] = {
    "moved", "move", "moving", "flew", "fly", "flights", "flight", "trains", "train",
    "travel", "travelled", "traveled", "travelling", "returned", "return", "went",
    "route", "routes", "drove", "sailed", "evacuated", "fled", "arrived", "stocks",
    "road", "roads", "service", "services", "trip", "trips", "journey",
    "lane", "path", "ferry", "ferries", "bus", "buses", "miles", "kilometres", "kilometers",
    "km", "commute", "drive",
    /* the other forms of those verbs (round 24: "People are driving to
     * Benbecula"); not "shipped" nor "exported": a customer follows as
     * often as a place */
    "driving", "drives", "commuting", "commutes", "walking", "walked", "walk", "sailing",
    "flying", "flies", "heading", "headed", "travels", "moves", "returning", "arriving", "arrive", "fleeing", "flee", "relocated", "relocating"};

/* Before "of", a place follows: "the mayor of Port Alder", "the hamlet of
 * Wetherden Marsh", "residents of Tilsey", "north of Leeds". */
static const char *const placeof_words[] = {
    "mayor", "town", "towns", "village", "villages", "hamlet", "city", "county", "district",
    "suburb", "suburbs", "outskirts", "residents", "streets", "centre", "center", "north",
    "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "edge",
    "coast", "province", "region", "port", "parish", "borough", "municipality", "island",
    "shores", "citizens", "inhabitants",
    /* round 24: "parts of Camarines Sur", "the communities of Toconao
     * Alto", "the coasts of Catanduanes", "districts of Al Wukair" */
    "parts", "communities", "coasts", "districts", "regions", "provinces", "municipalities",
    "islands", "neighbourhoods", "neighborhoods",
    /* round 27: "the cities of Qasr Nawa and West Harit" */
    "cities"};

/* Before "in", a company (money) or a publication (writing) follows, not
 * a place: "a stake in Klarna", "a long piece in Nature". */
static const char *const holding_words[] = {
    "shares", "stake", "stakes", "invest", "invested", "investment",
    "interest", "holdings", "investing", "role", "part", "piece", "published",
    "wrote", "written", "article", "column", "interview", "report", "study",
    "paper", "letter", "essay", "appeared", "quoted", "said", "editorial"};

/* The last word of a market index: "Nasdaq Composite", "Hang Seng Index". */
static const char *const index_end_words[] = {"composite", "average", "index",
                                              /* a law: "Electricity Act, 2003",
                                               * "Insolvency and Bankruptcy Code,
                                               * 2016", "Companies Regulations" */
                                              "act", "code", "regulations", "ordinance", "decree",
                                              /* a code of conduct (round 25): "Trust
                                               * Principles", "Santiago Principles",
                                               * "OECD Guidelines" */
                                              "principles", "guidelines",
                                              /* a prize or a contest (round 24):
                                               * "Golden Boot", "Asian Cup"; not
                                               * "Games" (Epic Games) */
                                              "cup", "trophy", "prize", "award", "awards", "boot",
                                              "championship", "championships"};

/* The first word of a line of a page's furniture, a share or follow bar
 * ("Share this article on: Facebook | X | LinkedIn", "Follow us on
 * WhatsApp | Google News"): its services are no names of the story. */
static const char *const chrome_words[] = {"share", "follow", "subscribe"};

/* The first word of a weather system's name: "Storm Bram". */
static const char *const storm_words[] = {"storm", "hurricane", "typhoon", "cyclone"};

/* ---- the table ------------------------------------------------------------ */

static const struct {
    const char *const *words;
    size_t n;
    unsigned bits;
} lists[] = {
#define L(list, bits) {list, sizeof list / sizeof list[0], bits}
    L(stop_words, BYL_W_STOP),
    L(title_words, BYL_W_TITLE),
    L(particle_words, BYL_W_PARTICLE),
    L(date_words, BYL_W_DATE),
    L(datenum_words, BYL_W_DATENUM),
    L(suffix_words, BYL_W_SUFFIX),
    L(abbr_words, BYL_W_ABBR),
    L(org_words, BYL_W_ORG),
    L(of_words, BYL_W_OF),
    L(and_words, BYL_W_AND),
    L(label_words, BYL_W_LABEL),
    L(place_words, BYL_W_PLACE),
    L(notorg_words, BYL_W_NOTORG),
    L(byline_roles, BYL_W_BY_ROLE),
    L(byline_press, BYL_W_BY_PRESS),
    L(byline_particles, BYL_W_BY_PARTICLE),
    L(byline_common, BYL_W_BY_COMMON),
    L(query_stop, BYL_W_Q_STOP),
    L(query_acronym, BYL_W_Q_ACRONYM),
    L(titlecase_small, BYL_W_TC_SMALL),
    L(says_words, BYL_W_SAYS),
    L(link_words, BYL_W_LINK),
    L(placeof_words, BYL_W_PLACEOF),
    L(office_words, BYL_W_OFFICE),
    L(loc_words, BYL_W_LOC),
    L(site_words, BYL_W_SITE),
    L(move_words, BYL_W_MOVE),
    L(holding_words, BYL_W_HOLDING),
    L(index_end_words, BYL_W_INDEX_END),
    L(storm_words, BYL_W_STORM),
    L(chrome_words, BYL_W_CHROME),
#undef L
};

/* A slot holds the number of its word's entry plus one (0: free), and the
 * entry points at the word in its list: 8 KiB of slots and 16 bytes a
 * word, where slots holding the words (20 bytes each, 80 KiB) were 19
 * pages a one-shot search wrote at its start, each a page fault (see
 * index/segment.c, struct peek). */
#define ENTRIES (SLOTS / 2) /* the table stays at most half full */
struct entry {
    const char *w;         /* in its list; not NUL-terminated here */
    uint32_t bits;         /* enum byl_word_role */
    uint8_t len;
};

/* The table is built once per process, in the heap: a search from the
 * shell keeps its heap in one huge page it has touched already
 * (searcher/main.c), where the 40 KiB of the table in BSS were nine page
 * faults of every search, some 0.1 ms of one at a million articles
 * (perf record -e page-faults, round 27).  Should the allocation fail,
 * the table is built in BSS as before.  Reachable for the process's life:
 * no leak. */
struct words_table {
    uint16_t slot[SLOTS];
    struct entry entry[ENTRIES];
};
static struct words_table fallback_table;
static struct words_table *tab;
static size_t nentries;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;
static int table_ready; /* set (release) once the table is built */

/* The analyzer looks words up some ten times per capitalised word: a load
 * of table_ready saves the call to pthread_once on every lookup after the
 * first (measured: 1.4 M instructions in 3,000 Reuters articles). */
static void build(void);
static inline void ready(void)
{
    if (!__atomic_load_n(&table_ready, __ATOMIC_ACQUIRE))
        pthread_once(&table_once, build);
}

static uint32_t hash(const char *p, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (uint8_t)p[i];
        h *= 16777619u;
    }
    return h;
}

/* Adds w with bits.  A word over BYL_WORD_MAX bytes could never be looked
 * up, so it is left out rather than written past its slot (the analyzer's
 * own table once held "minister-president", 18 bytes: it was never found,
 * and its copy ran two bytes into the next slot; it is gone from the list). */
static void add(const char *w, unsigned bits)
{
    size_t n = strlen(w);
    if (n == 0 || n > BYL_WORD_MAX)
        return;
    uint32_t h = hash(w, n) & (SLOTS - 1);
    for (;;) {
        if (tab->slot[h] == 0) {
            if (nentries == ENTRIES)
                return; /* never: test_every_word_is_found would say */
            tab->entry[nentries] = (struct entry){w, bits, (uint8_t)n};
            tab->slot[h] = (uint16_t)++nentries;
            return;
        }
        struct entry *e = &tab->entry[tab->slot[h] - 1];
        if (e->len == n && memcmp(e->w, w, n) == 0) {
            e->bits |= bits;
            return;
        }
        h = (h + 1) & (SLOTS - 1);
    }
}

static void build(void)
{
    tab = calloc(1, sizeof *tab); /* not byl_calloc: no failure injected into a once */
    if (!tab)
        tab = &fallback_table;
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
        for (size_t i = 0; i < lists[l].n; i++)
            add(lists[l].words[i], lists[l].bits);
    __atomic_store_n(&table_ready, 1, __ATOMIC_RELEASE);
}

unsigned byl_word_roles(const char *w, size_t n)
{
    if (n == 0 || n > BYL_WORD_MAX || !w)
        return 0;
    ready();
    uint32_t h = hash(w, n) & (SLOTS - 1);
    for (;;) {
        if (tab->slot[h] == 0)
            return 0;
        const struct entry *e = &tab->entry[tab->slot[h] - 1];
        if (e->len == n && memcmp(e->w, w, n) == 0)
            return e->bits;
        h = (h + 1) & (SLOTS - 1);
    }
}

unsigned byl_word_roles_ci(const char *w, size_t n)
{
    char low[BYL_WORD_MAX];
    if (n == 0 || n > BYL_WORD_MAX || !w)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = w[i] >= 'A' && w[i] <= 'Z' ? (char)(w[i] | 0x20) : w[i];
    return byl_word_roles(low, n);
}

int byl_word_query_stop(const char *w, size_t n)
{
    return (byl_word_roles(w, n) & BYL_W_Q_STOP) != 0;
}

int byl_word_acronym_function(const char *w, size_t n)
{
    return (byl_word_roles(w, n) & BYL_W_Q_ACRONYM) != 0;
}

int byl_words_each(int (*fn)(const char *w, unsigned roles, void *ctx), void *ctx)
{
    if (!fn)
        return 0;
    ready();
    char w[BYL_WORD_MAX + 1];
    for (size_t i = 0; i < SLOTS; i++) {
        if (tab->slot[i] == 0)
            continue;
        const struct entry *e = &tab->entry[tab->slot[i] - 1];
        memcpy(w, e->w, e->len);
        w[e->len] = '\0';
        int r = fn(w, e->bits, ctx);
        if (r)
            return r;
    }
    return 0;
}

/* ---- phrase lists of the plain-text reader (doc/byline.c) ------------ */

/* Section names and page chrome printed over or under a headline ("world news", "share this article"): a line of these alone is no title */
static const char *const phr_labels[] = {
    "news", "analysis", "opinion", "exclusive", "breaking", "breaking news", "live",
    "live updates", "world", "world news", "business", "markets", "politics", "sport",
    "sports", "tech", "technology", "science", "health", "culture", "arts", "entertainment",
    "lifestyle", "travel", "climate", "environment", "economy", "finance", "money", "local",
    "national", "international", "europe", "asia", "africa", "americas", "middle east",
    "us", "uk", "u.s.", "china", "advertisement", "advertising", "sponsored",
    "sponsored content", "paid content", "partner content", "share", "share this article",
    "share this story", "share on facebook", "share on twitter", "share on x", "share on linkedin",
    "share on whatsapp", "share via email", "copy link", "email", "listen to this article",
    "listen", "save", "save article", "print", "comments", "comment", "explainer",
    "editorial", "commentary", "column", "review", "feature", "features", "interview",
    "update", "watch", "video", "photos", "gallery", "podcast", "premium", "subscriber only",
    "subscribers only", "free to read", "follow", "read more", "newsletter", "home",
    "skip to content", "menu", "top stories", "latest", "trending", "investigation",
    "fact check", "perspective", "letters", "obituary", "obituaries", "weather", "media",
    "press release", "news release", "for immediate release", "supported by",
    "skip advertisement", "learn more", "sign up", "subscribe", "gift this article", "société", "international",
    "release", "statement", "announcement", "notice", "bulletin", "briefing", "roundup",
    "politique", "économie", "wirtschaft", "politik", "meinung", "kultur", "nachrichten",
    "新闻", "要闻", "国际", "国内", "财经", "评论", "独家", "社会", "科技", "体育",};

/* Labels before a relative or reading time ("updated", "reading time") */
static const char *const phr_lead[] = {"updated", "published", "posted", "last updated",
                                       "listen", "listen to this article", "reading time",
                                       "read time", "estimated reading time", "temps de lecture",
                                       "lesezeit"};

/* What follows the number of a relative or reading time ("min read", "hours ago") */
static const char *const phr_tails[] = {
        "min read", "mins read", "minute read", "minutes read", "min", "mins", "minutes",
        "min listen", "minute listen", "seconds ago", "second ago", "minutes ago", "minute ago",
        "mins ago", "min ago", "hours ago", "hour ago", "hrs ago", "hr ago", "h ago", "days ago",
        "day ago", "weeks ago", "week ago", "months ago", "month ago", "years ago", "year ago",
        "m ago", "d ago"};

/* The nouns of counts that trail a date or byline ("views", "comments") */
static const char *const phr_nouns[] = {"views", "view", "comments", "comment", "shares",
                                        "share", "likes", "reads", "reactions", "replies",
                                        "responses"};

/* Weekdays and their short forms, alone beside a date */
static const char *const phr_days[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday", "mon", "tue", "tues", "wed",
                                       "thu", "thur", "thurs", "fri", "sat", "sun"};

/* Lead-ins of a checker's credit, longer first: on a fact-check the
 * check is the story, and its checker its writer */
static const char *const phr_checker[] = {
    "fact-checked by", "fact checked by", "fact-check by", "fact check by", "checked by",
    "verified by", "verificado por", "chequeado por", "verificación de", "vérifié par",
    "geprüft von", "gecheckt door"};

/* A day named relative to the page's now, as a site prints it beside the
 * whole date ("Yesterday, 14:05 | Sun 06 Dec 2026"); lower case */
static const char *const phr_rel_days[] = {
    "today", "yesterday", "tonight", "heute", "gestern", "aujourd'hui", "hier", "hoy", "ayer",
    "hoje", "ontem", "oggi", "ieri", "vandaag", "gisteren", "idag", "igår", "i dag", "i går",
    "danas", "jučer", "juče", "dzisiaj", "wczoraj", "dnes", "včera", "tegnap", "bugün", "dün"};

/* Words before a date on a date line ("published on", "mis à jour le"), longer first */
static const char *const phr_date_labels[] = {
    "publicado el",   "publicado em",     "publicado",      "actualizado el",
    "actualizado",    "atualizado em",    "atualizado",     "pubblicato il",
    "pubblicato",     "aggiornato il",    "aggiornato",     "gepubliceerd op",
    "gepubliceerd",   "bijgewerkt op",    "bijgewerkt",     "publisert",
    "oppdatert",      "publicerad",       "uppdaterad",     "publiceret",
    "opdateret",
    "published date", "publication date", "date published", "first published",
    "last updated",   "last modified",    "published on",   "posted on",
    "updated on",     "published at",     "updated at",     "published",
    "updated",        "posted",           "dated",          "modified",
    "date",           "on",               "publié le",      "mis à jour le",
    "modifié le",     "modifié",          "mis à jour",
    "publié",         "veröffentlicht am", "aktualisiert am", "stand",
    "发布时间",        "更新时间",
    "last update",    "update",           "released on",    "released",
    "issued on",      "issued",           "filed",          "time",};

/* Date labels of a change ("last updated", "modifié") */
static const char *const phr_upd[] = {"last updated", "last modified", "updated", "modified",
                                      "modifié", "mis à jour", "aktualisiert", "更新时间",
                                      "last update", "update", "actualizado", "atualizado",
                                      "aggiornato", "bijgewerkt", "oppdatert", "uppdaterad",
                                      "opdateret"};

/* Date labels of publication ("first published", "posted") */
static const char *const phr_pub[] = {"published", "first published", "date published",
                                      "publication date", "posted", "publié", "veröffentlicht",
                                      "发布时间", "released", "issued", "filed", "publicado",
                                      "pubblicato", "gepubliceerd", "publisert", "publicerad",
                                      "publiceret"};

/* Labels that open a second stamp inside one segment (" Updated 2 hours ago") */
static const char *const phr_inner[] = {"updated", "modified", "modifié", "mis à jour",
                                        "published", "posted", "aktualisiert", "last updated"};

/* Honorifics before a name in a byline ("dr", "prof") */
static const char *const phr_hon[] = {"dr", "prof", "professor", "mr", "mrs", "ms", "rev", "hon"};

/* Words between two writers, with their blanks (" and ", " & ", " und ") */
static const char *const phr_conj[] = {" and ", " & ", " und ", " et ", " y ", " e "};

/* Endings of a job title's last word ("-ant", "-ist", "-er") */
static const char *const phr_ends[] = {"ant", "ent", "ist", "yst", "ian", "ate", "ney", "yer",
                                       "eon", "ive", "ect", "er", "or"};

/* Lead-ins that open a later segment of a byline before a colon ("Interview:", "Words:") */
static const char *const phr_seg_leads[] = {"interview", "words", "text", "reporting", "by",
                                            "story", "reporter", "writer", "report"};

/* Credits of who made the page, not the story ("photos", "graphics", "photo by") */
static const char *const phr_crew[] = {"photo", "photos", "photograph", "photographs",
                                       "photography", "pictures", "images", "video", "videos",
                                       "graphics", "illustration", "illustrations", "design",
                                       "editing", "edited by", "photos by", "photo by",
                                       "pictures by", "video by", "illustration by"};

/* Lead-ins of a closing credit that name writers ("reporting by") */
static const char *const phr_credit[] = {"reporting by", "additional reporting by",
                                         "writing by", "reported by", "compiled by"};

/* Lead-ins of a closing credit that name no writer ("editing by", "translated by") */
static const char *const phr_other[] = {"editing by", "edited by", "graphics by",
                                        "photos by", "fact-checking by", "translated by",
                                        "production by", "research by"};

/* The last word of a desk, an office or an agency named after a writer ("Communications Office", "Nordwest Presse Agentur", "City Desk"): no person's surname */
static const char *const phr_desk[] = {
    "office", "desk", "bureau", "newsroom", "unit", "team", "agency", "agentur", "agence",
    "agencia", "agenzia", "agencja", "presse", "newswire", "wire", "wires", "communications",
    "pressestelle", "redaktion", "redacción", "rédaction", "redazione", "staff", "service",
    "services", "syndicate", "network", "media", "feed", "feeds", "desks", "bureaus"};

/* A word of a broadcaster's or a site's name ("radio", "news", "online"):
 * "Jane Roe for Harbour Public Radio", "Jane Roe | Lakeside FM".  Not
 * "Post", "Star", "Mail", "Standard", "Voice": surnames too. */
static const char *const phr_outlet[] = {
    "radio", "tv", "television", "broadcasting", "broadcaster", "broadcast", "channel",
    "news", "online", "podcast", "fm", "today", "insider", "wire", "digital", "telegraaf", "zeitung", "allgemeine", "kurier", "rundschau", "nachrichten", "monde",
    "diario", "gazzetta", "corriere", "folha", "jornal"};

static const struct {
    const char *const *p;
    size_t n;
} phrases[BYL_PL_COUNT] = {
    [BYL_PL_SECTION] = {phr_labels, sizeof phr_labels / sizeof phr_labels[0]},
    [BYL_PL_READ_LEAD] = {phr_lead, sizeof phr_lead / sizeof phr_lead[0]},
    [BYL_PL_READ_TAIL] = {phr_tails, sizeof phr_tails / sizeof phr_tails[0]},
    [BYL_PL_COUNT_NOUN] = {phr_nouns, sizeof phr_nouns / sizeof phr_nouns[0]},
    [BYL_PL_WEEKDAY] = {phr_days, sizeof phr_days / sizeof phr_days[0]},
    [BYL_PL_CHECKER] = {phr_checker, sizeof phr_checker / sizeof phr_checker[0]},
    [BYL_PL_REL_DAY] = {phr_rel_days, sizeof phr_rel_days / sizeof phr_rel_days[0]},
    [BYL_PL_DATE_LABEL] = {phr_date_labels, sizeof phr_date_labels / sizeof phr_date_labels[0]},
    [BYL_PL_UPDATED] = {phr_upd, sizeof phr_upd / sizeof phr_upd[0]},
    [BYL_PL_PUBLISHED] = {phr_pub, sizeof phr_pub / sizeof phr_pub[0]},
    [BYL_PL_INNER_LABEL] = {phr_inner, sizeof phr_inner / sizeof phr_inner[0]},
    [BYL_PL_HONORIFIC] = {phr_hon, sizeof phr_hon / sizeof phr_hon[0]},
    [BYL_PL_NAME_AND] = {phr_conj, sizeof phr_conj / sizeof phr_conj[0]},
    [BYL_PL_JOB_END] = {phr_ends, sizeof phr_ends / sizeof phr_ends[0]},
    [BYL_PL_SEG_LEAD] = {phr_seg_leads, sizeof phr_seg_leads / sizeof phr_seg_leads[0]},
    [BYL_PL_CREW] = {phr_crew, sizeof phr_crew / sizeof phr_crew[0]},
    [BYL_PL_CREDIT_WRITER] = {phr_credit, sizeof phr_credit / sizeof phr_credit[0]},
    [BYL_PL_CREDIT_OTHER] = {phr_other, sizeof phr_other / sizeof phr_other[0]},
    [BYL_PL_DESK] = {phr_desk, sizeof phr_desk / sizeof phr_desk[0]},
    [BYL_PL_OUTLET] = {phr_outlet, sizeof phr_outlet / sizeof phr_outlet[0]},
};

int byl_phrase_is(int list, const char *s, size_t n)
{
    if (list < 0 || list >= BYL_PL_COUNT || !s || !n)
        return 0;
    char c0 = s[0] >= 'A' && s[0] <= 'Z' ? (char)(s[0] | 0x20) : s[0];
    for (size_t i = 0; i < phrases[list].n; i++) {
        const char *lit = phrases[list].p[i];
        if (lit[0] != c0)
            continue; /* most phrases differ at once: the readers ask often */
        size_t k = 0;
        while (k < n && lit[k] && (s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] | 0x20) : s[k]) == lit[k])
            k++;
        if (k == n && lit[k] == '\0')
            return 1;
    }
    return 0;
}

const char *const *byl_phrase_list(int list, size_t *count)
{
    if (list < 0 || list >= BYL_PL_COUNT) {
        if (count)
            *count = 0;
        return NULL;
    }
    if (count)
        *count = phrases[list].n;
    return phrases[list].p;
}

/* ---- companies' names of other countries (text/entity.c, query/plan.c) ----
 * Legal forms written with dots between their letters, listed without the
 * dots (A.Ş. of Turkey, s.r.o. and a.s. of Czechia and Slovakia, d.o.o.
 * and d.d. of the former Yugoslavia, W.L.L. of the Gulf, OOO and AO of
 * Russia, TOV of Ukraine), besides the forms of suffix_words, which are
 * legal forms with dots too (S.A., S.p.A., K.K.): only with their dots,
 * since "as", "ad", "dd" and "ao" are words too.  And the connectors of
 * companies' names in their languages (Sanayi ve Ticaret A.Ş., Hijos y
 * Cía S.A., Bau und Technik GmbH): a lower-case word that stays inside a
 * name a legal form ends. */
static const char *const dotted_legal[] = {"as", "sro", "doo", "dd", "ad", "wll", "ooo", "ao",
                                           "oao", "zao", "pao", "tov", "spol", "ks", "sk",
                                           /* round 25: Spain (S.L., S.L.U.),
                                            * Slovenia's sole trader (s.p.),
                                            * Poland's sp. z o.o. (its
                                            * o.o.; query/plan.c drops the
                                            * "sp. z" before it), Germany's
                                            * association (e.V.), Mexico's
                                            * S.A. de C.V. */
                                           "sl", "slu", "sp", "oo", "ev", "cv",
                                           /* round 26: Luxembourg's and
                                            * France's S.à r.l., its two
                                            * halves (text/entity.c reads
                                            * à as a) */
                                           "rl"};
static const char *const legal_connectors[] = {"ve", "y", "e", "i", "und", "et", "and", "ng",
                                               "nan", "ja", "og", "och", "en", "es", "a",
                                               /* Portuguese "of the" (Corticeira do
                                                * Vouga, S.A.; round 25) */
                                               "do", "da", "dos", "das"};

/* The words of ministers' portfolios that no ending tells (Minister of
 * Foreign Affairs, of Health, of Trade and Industry): a run that goes on
 * from them to a capitalised name goes on to the holder's (text/entity.c). */
static const char *const portfolio_words[] = {
    "affairs", "health", "justice", "labour", "labor", "trade", "transport", "interior", "economy",
    "water", "mines", "home", "works", "lands", "youth", "sport", "sports", "women", "children",
    "commerce", "foreign", "internal", "national", "public", "rural", "urban", "social", "local",
    "international", "economic", "digital", "housing", "planning", "mining", "banking", "shipping",
    "fisheries", "forests", "land", "food", "power", "oil", "gas", "state", "culture", "science",
    "finance", "defense", "defence", "territories", "regions", "veterans", "immigration"};

/* Offices that are bodies, named with "of" as organisations are
 * (Ombudsman of the City of Buenos Aires, Registrar of Companies,
 * Comptroller and Auditor General of India's office), not people's
 * titles before a name. */
static const char *const office_bodies[] = {"ombudsman", "registrar", "comptroller", "ombudsperson",
                                            "controller", "auditor", "inspectorate", "commissioner"};

/* Countries' acronyms written before a body's name (U.S. Food and Drug
 * Administration, UK Health Security Agency), as the query's words are
 * normalised; and given names written short with a period before the rest
 * of the name (Ma. Lourdes: María, Filipino; Moh., Muh., Mohd.: Mohammad,
 * Indonesian and Malaysian). */
static const char *const country_acronyms[] = {"us", "u.s", "uk", "u.k", "eu", "un", "uae"};
static const char *const name_abbrs[] = {"ma", "moh", "muh", "mohd", "mochd"};

/* Titles of address and trades a story writes before a person's name
 * that no other list has: Malta's and Italy's bandmasters (Maestro, Mro),
 * and working people of the countryside and the sea (Crofter Aonghas
 * Dòmhnallach, Villager, Welder); not the trades that are surnames too
 * (Farmer, Fisher, Weaver, Smith). */
static const char *const more_titles[] = {"maestro", "mro", "crofter", "villager", "welder", "herder",
                                          "fisherman", "fisherwoman", "pastoralist", "beekeeper",
                                          "hawker", "boatman", "ferryman", "rancher", "vintner",
                                          /* round 25: players' positions that
                                           * sports pages write before a name
                                           * (Fly-half Saba Tsiklauri-Kapanadze;
                                           * not Hooker or Prop: a surname, a
                                           * ballot's proposition), a priest's
                                           * Father, Cambodia's honours (Oknha,
                                           * Samdech) */
                                          "fly-half", "scrum-half", "flanker", "full-back", "fullback",
                                          "quarterback", "linebacker", "batsman", "wicketkeeper",
                                          "playmaker", "centre-back", "father", "oknha", "samdech"};

static int in_words(const char *const *l, size_t n, const char *w, size_t len)
{
    if (len == 0 || len > BYL_WORD_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (l[i][0] != w[0])
            continue; /* most differ at once: asked of many words */
        size_t k = 0;
        while (k < len && l[i][k] && l[i][k] == w[k])
            k++;
        if (k == len && l[i][k] == '\0')
            return 1;
    }
    return 0;
}

int byl_word_dotted_legal(const char *w, size_t n)
{
    if (!w || n == 0 || n > BYL_WORD_MAX)
        return 0;
    if (in_words(dotted_legal, sizeof dotted_legal / sizeof dotted_legal[0], w, n))
        return 1;
    /* the suffixes, but a person's (Jr, Sr) */
    return (byl_word_roles(w, n) & BYL_W_SUFFIX) && !(n == 2 && w[1] == 'r' && (w[0] == 'j' || w[0] == 's'));
}

/* After a place's name, the kind of place it is: "the Antofagasta region",
 * "Bicol municipalities", "the Adriatic coast" (round 24).  Words no
 * company or person is followed by; not "area", "city" or "state" ("the
 * Apple area", "Manchester City", "Ohio State" is a university), nor
 * "district" (a school district is a body). */
static const char *const place_nouns[] = {
    "region", "regions", "province", "provinces", "county", "counties", "municipality", "municipalities", "coast", "coastline", "valley", "peninsula",
    "archipelago", "highlands", "lowlands", "countryside", "hinterland", "islands", "oblast",
    "prefecture", "governorate", "canton", "villages", "towns", "barangays",
    /* round 25: an area's kind after a word that qualifies it (the Ain
     * Sokhna industrial zone, the Kavala wine district) */
    "zone", "zones", "district", "districts",
    /* round 26: a settlement's or a harbour's kind after its name (the
     * Tavrin port operator, the Kessa village council, the Mahel atoll) */
    "port", "village", "atoll"};

/* Function words that are given names too (Flemish and Vietnamese An,
 * English Will, Korean Do and So): a name's first word when capitalised
 * inside a sentence before a surname (round 24).  Not "said": between two
 * name words only (Rehema Said Kombo), text/entity.c. */
static const char *const given_stops[] = {"an", "will", "do", "so"};

/* Patronymics written after the name, lower case, as its last word
 * (Kyrgyz, Kazakh, Azerbaijani, Turkmen, Uzbek "son of", "daughter of";
 * also particles: particle_words). */
static const char *const patronymics[] = {"uulu", "kyzy", "uly", "qyzy", "ogly",
                                          "oglu", "gyzy", "qizi", "gizi", "kizi"};

/* Words of sending, posting and finding before "on" and the channel they
 * go by (round 27: "send us your updates on Signal", "posted on X",
 * "follow us on Qoomchat"): an app or a network, not a who
 * (query/names.c).  Not "bet", "pressure", "report": a company follows
 * those as often. */
static const char *const message_words[] = {
    "us", "updates", "update", "photos", "photo", "videos", "video", "messages", "message",
    "posted", "post", "posts", "posting", "shared", "share", "sharing", "live", "streamed",
    "stream", "streaming", "chat", "chats", "group", "groups", "channel", "channels", "account",
    "accounts", "page", "follow", "available", "broadcast", "circulated", "circulating", "viral",
    "download"};

/* Auxiliary verbs after a name: what stands before them does or is
 * something ("Holloway are understood to have offered"), an agent's
 * mention, not where a place stands (query/names.c). */
static const char *const aux_words[] = {"is", "are", "was", "were", "has", "have", "had", "will", "would"};

/* The lists of byl_word_in, in the order of enum byl_word_list. */
static const struct {
    const char *const *w;
    size_t n;
} more_lists[BYL_WL_COUNT] = {
#define M(l) {l, sizeof l / sizeof l[0]}
    [BYL_WL_LEGAL_CONNECTOR] = M(legal_connectors), [BYL_WL_PORTFOLIO] = M(portfolio_words),
    [BYL_WL_OFFICE_BODY] = M(office_bodies),        [BYL_WL_COUNTRY_ACRONYM] = M(country_acronyms),
    [BYL_WL_NAME_ABBR] = M(name_abbrs),             [BYL_WL_MORE_TITLE] = M(more_titles),
    [BYL_WL_PLACE_NOUN] = M(place_nouns),            [BYL_WL_GIVEN_STOP] = M(given_stops),
    [BYL_WL_PATRONYMIC] = M(patronymics),           [BYL_WL_MESSAGE] = M(message_words),
    [BYL_WL_AUX] = M(aux_words),
#undef M
};

int byl_word_in(int list, const char *w, size_t n)
{
    if (list < 0 || list >= BYL_WL_COUNT || !w)
        return 0;
    return in_words(more_lists[list].w, more_lists[list].n, w, n);
}
