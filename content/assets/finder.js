// The finder: full-text search with filters over this site's own search index.
//
// Everything happens in the browser. The only requests go to the index files
// of this same site. The position from "Gebruik mijn locatie" is used here to
// sort the results and is never sent anywhere, stored or put in the address.
//
// The address holds the search (q=...&gemeente=...&binnenlopen=ja), so a
// search can be shared, reloaded, and walked back with the back button.
//
// The index is split so a search downloads little on a large network: a general
// index (with the search engine; it holds the online activities too) and one per
// municipality. Nothing is fetched before a search asks for it: with no words and
// no filter the page only waits (the engine comes when the search field is first
// used). Then the finder adds the index of each municipality it searches in: the
// chosen ones, the nearest ones for "Gebruik mijn locatie", or all of them on a
// network with few municipalities.
//
// Honest results: the engine, when a word is in no index, searches for the longest
// start of it that is ("depressie" becomes "de", which is everywhere). So each word
// is checked first (is it in the index, or does an indexed word start with it?), and
// a word that is nowhere finds nothing, as it should.

const TIME_ZONE = "Europe/Amsterdam";
const PAGE_SIZE = 10;
// The names of the filters and the form's fields, and the weekdays' names (Monday first), from
// the page's data (the site's filters module): set when the finder starts.
let NAMES = null;
let WEEKDAYS = null;
// A filter value no page has: a date choice without any dates finds nothing.
const NOTHING = "-";
const TYPING_PAUSE_MS = 300;

const root = document.querySelector("[data-finder]");
if (root) start(root);

// --- dates, in the Netherlands' time zone -------------------------------------------

function now() {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date()).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

function toUtc(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function addDays(iso, days) {
  const day = toUtc(iso);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

// 0 is Monday.
function weekday(iso) {
  return (toUtc(iso).getUTCDay() + 6) % 7;
}

const DAY_FORMAT = new Intl.DateTimeFormat("nl-NL", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" });

function dayInWords(iso, today) {
  if (iso === today) return "vandaag";
  if (iso === addDays(today, 1)) return "morgen";
  return DAY_FORMAT.format(toUtc(iso));
}

// Does date `day` belong to the choice `when` (today, this week, this month or a weekday)?
function dayMatches(when, day, today) {
  if (when === NAMES.today) return day === today;
  if (when === NAMES.thisWeek) return day <= addDays(today, 6 - weekday(today));
  if (when === NAMES.thisMonth) return day.slice(0, 7) === today.slice(0, 7);
  return WEEKDAYS[weekday(day)] === when;
}

// The dates chosen under "Wanneer?" and "Tussen twee data", or null when nothing is chosen there.
// Choices under "Wanneer?" add up (or); the period narrows them down (and).
function chosenDates(params, lastDate, when = params.getAll(NAMES.when)) {
  const from = params.get(NAMES.from) || "";
  const until = params.get(NAMES.until) || "";
  if (!when.length && !from && !until) return null;
  const today = now().date;
  const first = from > today ? from : today;
  const last = until && until < lastDate ? until : lastDate;
  const days = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    if (!when.length || when.some((w) => dayMatches(w, day, today))) days.push(day);
  }
  return days;
}

// --- distance ---------------------------------------------------------------------

function distanceKm(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

// A place filter value is "lat lon".
function placeOf(value) {
  const [lat, lon] = value.split(" ").map(Number);
  return { lat, lon };
}

const KM = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });

function distanceInWords(km) {
  return km < 1 ? "minder dan 1 km" : `ongeveer ${KM.format(km)} km`;
}

// --- words and sentences ------------------------------------------------------------

// A word as the index compares it: lower case, without accents.
function folded(word) {
  return word.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
}

// The words of a query, as the engine splits them.
function queryWords(text) {
  return text.split(/[^\p{L}\p{N}'-]+/u).map((w) => w.replace(/^['-]+|['-]+$/g, "")).filter(Boolean);
}

// The words of a text without the punctuation around them, folded.
function bareWords(text) {
  return text.split(/[^\p{L}\p{N}'-]+/u).filter(Boolean).map(folded);
}

// Does the word after `words[i]` start a new sentence? The index's texts end every part with
// a full stop; an abbreviation ("o.a. koffie") is followed by a small letter.
function endsSentence(words, i) {
  return i >= words.length - 1 || (/[.!?]["')]*$/.test(words[i]) && /^["'(]?[\p{Lu}\p{N}]/u.test(words[i + 1]));
}

// The whole sentence in which the first found word stands, with the found words marked, as
// nodes; null when no word of the text was found (only the title or the search words were).
const LONGEST_SENTENCE = 45;
function sentenceAround(content, locations) {
  const words = content.split(/[\r\n\s]+/g);
  const hits = new Set(locations.filter((l) => l < words.length));
  if (!hits.size) return null;
  const first = Math.min(...hits);
  let start = first;
  while (start > 0 && !endsSentence(words, start - 1)) start--;
  let end = first;
  while (!endsSentence(words, end)) end++;
  // A very long sentence (a list of facts): the part around the word, marked as cut.
  let before = "";
  let after = "";
  if (end - start + 1 > LONGEST_SENTENCE) {
    const from = Math.max(start, first - 15);
    const until = Math.min(end, from + LONGEST_SENTENCE - 1);
    if (from > start) { start = from; before = "… "; }
    if (until < end) { end = until; after = " …"; }
  }
  const nodes = [before];
  for (let i = start; i <= end; i++) {
    if (i > start) nodes.push(" ");
    nodes.push(hits.has(i) ? element("mark", null, words[i]) : words[i]);
  }
  nodes.push(after);
  return nodes;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// --- the finder -------------------------------------------------------------------

function start(root) {
  const config = JSON.parse(root.dataset.search);
  NAMES = config.names;
  WEEKDAYS = config.weekdays;
  const form = root.querySelector("form");
  const query = form.elements.namedItem(NAMES.query);
  const statusLine = root.querySelector("[data-status]");
  const resultList = root.querySelector("[data-results]");
  const resultsArea = root.querySelector(".hn-finder__results");
  const nothing = root.querySelector("[data-nothing]");
  const crisis = root.querySelector("[data-crisis]");
  const moreButton = root.querySelector("[data-more]");
  const nearButton = root.querySelector("[data-near]");
  const nearStatus = root.querySelector("[data-near-status]");
  const filterToggle = root.querySelector("[data-filters-toggle]");
  const filterBody = root.querySelector("[data-filters]");
  const showButton = root.querySelector("[data-show]");
  const chosenLabel = root.querySelector("[data-chosen]");
  const whereNote = root.querySelector("[data-where]");
  const lastDate = root.dataset.last;
  const idleText = statusLine.dataset.idle;
  const whenOptions = [...form.querySelectorAll("input")].filter((i) => i.name === NAMES.when).map((i) => i.value);
  const municipalities = new Map(config.municipalities.map((m) => [m.slug, m]));
  const searchAll = config.municipalities.length <= config.searchAllUpTo;
  // Each topic's search words, as the index compares words, word by word ("stemmen horen": two).
  const topicWords = config.topics.map((topic) => topic.words.flatMap(bareWords));
  const bundle = new URL(root.dataset.bundle, document.baseURI);
  const siteRoot = new URL("..", bundle);
  // The engine searches in a web worker: on a slow phone the page stays responsive meanwhile.
  // The display values (times, coordinates, yes/no) do not count for the ranking.
  const engineOptions = {
    baseUrl: siteRoot.pathname,
    excerptLength: 24,
    ranking: { metaWeights: { [NAMES.topic]: 0, tijden: 0, lat: 0, lon: 0, [NAMES.walkIn]: 0, [NAMES.free]: 0, [NAMES.appointment]: 0, wanneer: 0, vol: 0, professionals: 0 } },
  };

  let engine = null; // the search engine, loaded when first needed
  let position = null; // {lat, lon}: only in this variable, never sent or stored
  let listing = null;
  let shown = 0;
  let round = 0; // the newest update; older ones stop when they see a newer round
  let countsPending = false;
  let merged = []; // the folders of the indexes added to the general one
  let switching = Promise.resolve();
  let known = new Map(); // word -> is it in the loaded indexes (forgotten when they change)
  let ends = null; // every session end the loaded indexes know, for the date filter

  function loadEngine() {
    engine ??= (async () => {
      const pagefind = await import(new URL("pagefind.js", bundle).href);
      await pagefind.options(engineOptions);
      return pagefind;
    })();
    return engine;
  }

  function failed(error) {
    console.error(error);
    statusLine.textContent = "Zoeken lukt nu niet. Kies hieronder zelf waar je kijkt.";
  }

  // The municipalities to search in: all of a small network (a region, so every count is
  // known); on a large one the chosen ones, else the nearest, else none.
  function searchedMunicipalities(params) {
    const chosen = params.getAll(NAMES.municipality).filter((slug) => municipalities.has(slug));
    if (chosen.length) return chosen;
    if (searchAll) return [...municipalities.keys()];
    if (position) {
      return [...municipalities.values()].filter((m) => m.lat !== undefined)
        .sort((a, b) => distanceKm(position, a) - distanceKm(position, b))
        .slice(0, config.near).map((m) => m.slug);
    }
    return [];
  }

  // Make the engine search the general index plus exactly these indexes. An index cannot be
  // taken out again, so fewer indexes than before means starting over (from the browser's cache).
  function useIndexes(pagefind, folders) {
    switching = switching.then(async () => {
      if (folders.length === merged.length && folders.every((f) => merged.includes(f))) return;
      if (!merged.every((f) => folders.includes(f))) {
        await pagefind.destroy();
        await pagefind.options(engineOptions);
        merged = [];
      }
      const added = folders.filter((f) => !merged.includes(f));
      await Promise.all(added.map((f) => pagefind.mergeIndex(new URL(f, siteRoot).pathname)));
      merged = [...merged, ...added];
      known = new Map();
      ends = null;
    });
    return switching;
  }

  // The search as address parameters, straight from the form.
  function formParams() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value === "string" && value.trim()) params.append(name, value.trim());
    }
    return params;
  }

  function showParams(params) {
    query.value = params.get(NAMES.query) || "";
    for (const input of form.querySelectorAll("input[type=checkbox]")) {
      input.checked = params.getAll(input.name).includes(input.value);
    }
    for (const name of [NAMES.from, NAMES.until]) form.elements.namedItem(name).value = params.get(name) || "";
  }

  // The pages where a word really is, with the engine's score for each: Map(id -> result).
  //
  // Each index on its own searches for the longest start of a word it does not have, so a
  // plain search for "zelfmoord" finds the crisis page in one index and everything with "zelf"
  // in the others. Quoted, the engine looks for the word itself (and its other forms, such as
  // "wandeling" for "wandelen") and nothing else. A word still being typed ("wand") is no word
  // of its own: then the plain search's best results are read, and only those whose found words
  // start with it are kept. Pages of a topic (zoekwoorden.yaml) with the word among its words
  // come too: the records hold the topic's own made-up word, not its words.
  const TYPED_CHECKED = 20;
  async function pagesWith(pagefind, word) {
    if (known.has(word)) return known.get(word);
    const pages = new Map();
    const exact = await pagefind.search(`"${word}"`);
    for (const result of exact.results) pages.set(result.id, result);
    if (!pages.size) {
      const start = folded(word);
      const loose = (await pagefind.search(word)).results.slice(0, TYPED_CHECKED);
      const items = await Promise.all(loose.map((result) => result.data()));
      loose.forEach((result, i) => {
        const item = items[i];
        const words = (item.content || "").split(/[\r\n\s]+/g);
        const really = item.locations.some((l) => bareWords(words[l] || "").some((w) => w.startsWith(start)))
          || Object.values(item.meta || {}).some((value) => bareWords(value).some((w) => w.startsWith(start)));
        if (really) pages.set(result.id, result);
      });
    }
    for (const topic of topicsOf([word])) {
      const fitting = await pagefind.search(`"${NAMES.topicWord}${topic}"`);
      for (const result of fitting.results) if (!pages.has(result.id)) pages.set(result.id, result);
    }
    known.set(word, pages);
    return pages;
  }

  // Where a word was found counts first: in the title, in the text, elsewhere, or only among the
  // search words of a topic the page fits. (The engine's scores of different indexes, and of its
  // two ways of searching, do not compare well.)
  function tier(result) {
    const fields = result.matchedMetaFields || [];
    if (fields.includes("title")) return 8;
    if (result.words?.length) return 4;
    if (fields.some((f) => f !== NAMES.topic)) return 2;
    return 1;
  }

  // The words of the query that are somewhere, the ones that are nowhere, and the pages that have
  // every word found, the best first.
  async function checkedWords(pagefind, params) {
    const words = queryWords(params.get(NAMES.query) || "");
    const found = [];
    const missing = [];
    let pages = null;
    const scores = new Map();
    const tiers = new Map();
    for (const word of words) {
      const withWord = await pagesWith(pagefind, word);
      if (!withWord.size) {
        missing.push(word);
        continue;
      }
      found.push(word);
      pages = pages ? new Map([...pages].filter(([id]) => withWord.has(id))) : new Map(withWord);
      for (const [id, result] of withWord) {
        scores.set(id, (scores.get(id) || 0) + result.score);
        tiers.set(id, (tiers.get(id) || 0) + tier(result));
      }
    }
    const ranked = pages
      ? [...pages.values()].sort((a, b) => tiers.get(b.id) - tiers.get(a.id) || scores.get(b.id) - scores.get(a.id))
      : [];
    return { found, missing, asked: words.length > 0, ranked, tiers };
  }

  // The session ends of the chosen dates that are still to come by the visitor's clock, or null.
  async function chosenEnds(pagefind, params, when) {
    const days = chosenDates(params, lastDate, when);
    if (!days) return null;
    ends ??= Object.keys((await pagefind.filters())[NAMES.date] || {}).sort();
    const { date: today, time } = now();
    const chosen = new Set(days);
    return ends.filter((end) => {
      const [day, until] = end.split("T");
      return chosen.has(day) && (day > today || until > time);
    });
  }

  // Pagefind filters for the chosen options; `without` leaves one group out (for its counts).
  async function filtersFor(pagefind, params, without = null) {
    const filters = {};
    for (const group of NAMES.lists) {
      const values = params.getAll(group);
      if (group !== without && values.length) filters[group] = { any: values };
    }
    for (const group of NAMES.yesNo) {
      if (group !== without && params.get(group) === NAMES.yes) filters[group] = NAMES.yes;
    }
    if (without !== NAMES.when) {
      const chosen = await chosenEnds(pagefind, params);
      if (chosen) filters[NAMES.date] = { any: chosen.length ? chosen : [NOTHING] };
    }
    return filters;
  }

  // Among the pages with the query's words, the ones these filters leave (ids), and the values one
  // more filter (`name`, optional) has among them. The engine is asked with one of the words: with
  // no words and no real filter it would fetch every word of its index to list all pages. Its
  // answer may hold pages it found by a word's first letters; only ids of `words.ranked` are used.
  async function leftBy(pagefind, words, filters, name = null) {
    const asked = { ...filters, ...(name ? { [name]: { any: [] } } : {}) };
    const word = words.found[0];
    const searches = [pagefind.search(word, { filters: asked })];
    // Pages that have the word only by a topic are asked for by the topic's word.
    for (const topic of topicsOf([word])) searches.push(pagefind.search(`"${NAMES.topicWord}${topic}"`, { filters: asked }));
    const answers = await Promise.all(searches);
    const ids = new Set(answers.flatMap((answer) => answer.results.map((r) => r.id)));
    const values = new Set(
      answers.flatMap((answer) => Object.entries(answer.filters[name] || {}).filter(([, n]) => n > 0).map(([value]) => value)),
    );
    return { ranked: words.ranked.filter((r) => ids.has(r.id)), values: [...values] };
  }

  // How many results each option would give, with the other groups as they are. Without words
  // the engine counts; with words, the pages that have them are counted among each option's.
  async function updateCounts(pagefind, params, words, mine) {
    const counts = {};
    const among = async (filters) => (await leftBy(pagefind, words, filters)).ranked.length;
    for (const group of [...NAMES.lists, ...NAMES.yesNo]) {
      const others = await filtersFor(pagefind, params, group);
      counts[group] = {};
      if (!words.found.length) {
        // An empty "any" loads the group's values for counting without narrowing the search.
        const result = await pagefind.search(null, { filters: { ...others, [group]: { any: [] } } });
        counts[group] = result.filters[group] || {};
      } else {
        for (const input of form.querySelectorAll(`input[name="${group}"]`)) {
          const value = NAMES.lists.includes(group) ? { any: [input.value] } : NAMES.yes;
          counts[group][input.value] = await among({ ...others, [group]: value });
        }
      }
      if (mine !== round) return;
    }
    const others = await filtersFor(pagefind, params, NAMES.when);
    counts[NAMES.when] = {};
    for (const when of whenOptions) {
      const chosen = await chosenEnds(pagefind, params, [when]);
      const filters = { ...others, [NAMES.date]: { any: chosen.length ? chosen : [NOTHING] } };
      counts[NAMES.when][when] = words.found.length
        ? await among(filters)
        : (await pagefind.search(null, { filters })).results.length;
      if (mine !== round) return;
    }
    const searched = new Set(merged);
    for (const input of form.querySelectorAll("input[type=checkbox]")) {
      const label = input.closest("label").querySelector("[data-count]");
      // A municipality whose index is not loaded: its number is not known here.
      if (input.name === NAMES.municipality && !searched.has(municipalities.get(input.value)?.index)) {
        label.textContent = "";
        continue;
      }
      label.textContent = `(${counts[input.name]?.[input.value] || 0})`;
    }
  }

  function clearCounts() {
    for (const label of form.querySelectorAll("[data-count]")) label.textContent = "";
  }

  // The results in the order to show them: by distance, by relevance, or the soonest first.
  async function makeListing(pagefind, params, words, mine) {
    const filters = await filtersFor(pagefind, params);
    if (words.found.length) {
      // The pages with every word that the filters leave, the best first; every activity has a
      // time to come, so those among them with a "next" value are the activities.
      const { ranked: left, values: nexts } = await leftBy(pagefind, words, filters, NAMES.next);
      const activities = nexts.length
        ? new Set((await leftBy(pagefind, words, { ...filters, [NAMES.next]: { any: nexts } })).ranked.map((r) => r.id))
        : new Set();
      // Where the words were found alike, an activity comes before a page about one.
      const order = new Map(left.map((r, i) => [r.id, i]));
      const results = [...left].sort((a, b) => words.tiers.get(b.id) - words.tiers.get(a.id)
        || activities.has(b.id) - activities.has(a.id) || order.get(a.id) - order.get(b.id));
      if (position) {
        const items = await Promise.all(results.map((r) => r.data()));
        for (const item of items) {
          const value = item.filters[NAMES.place]?.[0];
          item.km = value ? distanceKm(position, placeOf(value)) : Infinity;
        }
        const sorted = items.map((item, i) => ({ item, i })).sort((a, b) => a.item.km - b.item.km || a.i - b.i);
        return {
          total: sorted.length,
          activities: results.filter((r) => activities.has(r.id)).length,
          slice: async (a, b) => sorted.slice(a, b).map((x) => x.item),
        };
      }
      return {
        total: results.length,
        activities: results.filter((r) => activities.has(r.id)).length,
        slice: (a, b) => Promise.all(results.slice(a, b).map((r) => r.data())),
      };
    }
    if (position) {
      return orderedListing(pagefind, filters, mine, NAMES.place, (value) => distanceKm(position, placeOf(value)), (item, key) => { item.km = key; });
    }
    // Each index sorts its own results; together they are put in order by their next time.
    return orderedListing(pagefind, filters, mine, NAMES.next, (value) => value, () => {});
  }

  function sum(counts) {
    return Object.values(counts || {}).reduce((a, b) => a + b, 0);
  }

  // The results in the order of one filter's values (place or next time). The values, with the
  // number of results for each, come without loading any result; so only the results of the
  // first values are loaded, batch by batch. Results without a value come last.
  async function orderedListing(pagefind, filters, mine, name, keyOf, note) {
    const search = (extra) => pagefind.search(null, { filters: { ...filters, ...extra } });
    const all = await search({ [name]: { any: [] }, [NAMES.next]: { any: [] } });
    if (mine !== round) return null;
    const values = Object.entries(all.filters[name] || {}).filter(([, n]) => n > 0)
      .map(([value, n]) => ({ value, n, key: keyOf(value) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const withValue = values.length
      ? new Set((await search({ [name]: { any: values.map((v) => v.value) } })).results.map((r) => r.id))
      : new Set();
    const without = all.results.filter((r) => !withValue.has(r.id));
    const ready = [];
    let next = 0;
    async function fill(count) {
      while (ready.length < count && next < values.length) {
        const batch = [];
        let n = 0;
        while (next < values.length && (n < count - ready.length || !batch.length)) {
          n += values[next].n;
          batch.push(values[next++].value);
        }
        const found = await search({ [name]: { any: batch } });
        const loaded = await Promise.all(found.results.map((r) => r.data()));
        for (const item of loaded) {
          const value = item.filters[name]?.[0];
          item.key = value ? keyOf(value) : Infinity;
          note(item, item.key);
        }
        loaded.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        ready.push(...loaded);
      }
      if (ready.length < count && next >= values.length) {
        const start = ready.length - withValue.size;
        ready.push(...await Promise.all(without.slice(start, start + count - ready.length).map((r) => r.data())));
      }
    }
    return {
      total: all.results.length,
      activities: sum(all.filters[NAMES.next]),
      slice: async (a, b) => { await fill(b); return ready.slice(a, b); },
    };
  }

  function nextTime(meta) {
    const { date: today, time } = now();
    for (const slot of (meta.tijden || "").split(" ").filter(Boolean)) {
      const [begin, end] = slot.split("/");
      const [day, from] = begin.split("T");
      if (day > today || (day === today && end > time)) return `${dayInWords(day, today)}, ${from} - ${end}`;
    }
    return null;
  }

  // The search words' topics that the searched words belong to ("Past bij: Angst en spanning").
  // The numbers of the topics that have a word starting with one of these (a word being typed
  // finds its topic too; two letters are too few to mean a topic).
  function topicsOf(words) {
    const starts = words.map(folded).filter((w) => w.length >= 3);
    return topicWords.flatMap((list, i) => (list.some((w) => starts.some((s) => w.startsWith(s))) ? [String(i)] : []));
  }

  // The names of the page's topics that the searched words belong to ("Past bij: Angst en spanning").
  function topicsFound(item, words) {
    const own = new Set((item.meta?.[NAMES.topic] || "").split(" ").map((w) => w.slice(NAMES.topicWord.length)));
    return topicsOf(words).filter((i) => own.has(i)).map((i) => config.topics[i].name);
  }

  function resultItem(item, words) {
    const meta = item.meta;
    const li = element("li", "hn-result");
    const article = element("article");
    const heading = element("h3", "hn-result__title");
    const link = element("a", null, meta.title || item.url);
    link.href = item.url;
    heading.append(link);
    article.append(heading);
    article.append(element("p", "hn-kicker", meta.soort || "Pagina"));
    const facts = element("dl", "hn-card__facts");
    const fact = (term, value) => { facts.append(element("dt", null, term), element("dd", null, value)); };
    const when = nextTime(meta);
    if (when) fact("Volgende keer", when);
    else if (meta.wanneer) fact("Wanneer", meta.wanneer);
    if (meta.plaats) fact("Waar", meta.gemeente && !meta.plaats.includes(meta.gemeente) ? `${meta.plaats} (${meta.gemeente})` : meta.plaats);
    if (item.km !== undefined && item.km !== Infinity) fact("Afstand", distanceInWords(item.km));
    if (facts.children.length) article.append(facts);
    const tags = element("p", "hn-card__meta");
    const tag = (className, text) => { tags.append(tags.children.length ? " " : "", element("span", `hn-tag ${className}`, text)); };
    if (meta[NAMES.walkIn] === NAMES.yes) tag("hn-tag--walkin", "Gewoon binnenlopen");
    if (meta[NAMES.appointment] === NAMES.yes) tag("hn-tag--appointment", "Op afspraak");
    if (meta[NAMES.free] === NAMES.yes) tag("hn-tag--free", "Gratis");
    if (meta.gemeente === "Online") tag("hn-tag--online", "Online");
    if (meta.vol === NAMES.yes) tag("hn-tag--full", "Vol");
    if (meta.professionals === NAMES.yes) tag("hn-tag--pro", "Voor ervaringswerkers en professionals");
    if (tags.children.length) article.append(tags);
    // With words to search for, the sentence in which they occur; otherwise the summary.
    const sentence = words.length ? sentenceAround(item.content || "", item.locations || []) : null;
    const excerpt = element("p", "hn-result__excerpt");
    if (sentence) excerpt.append(...sentence);
    else excerpt.textContent = meta.samenvatting || "";
    if (excerpt.textContent) article.append(excerpt);
    const topics = sentence ? [] : topicsFound(item, words);
    if (topics.length) article.append(element("p", "hn-result__why", `Past bij: ${topics.join(", ")}`));
    li.append(article);
    return li;
  }

  function countInWords(listing) {
    const others = listing.total - listing.activities;
    const pages = (n, other) => (n === 1 ? `1 ${other}pagina` : `${n} ${other}pagina's`);
    if (!listing.activities) return pages(others, "");
    const activities = listing.activities === 1 ? "1 activiteit" : `${listing.activities} activiteiten`;
    return others ? `${activities} en ${pages(others, "andere ")}` : activities;
  }

  function statusText(listing, words) {
    const where = whereNote.hidden ? "" : " Kies een gemeente of gebruik je locatie om ook activiteiten in de buurt te vinden.";
    const missing = words.missing.length ? `Op ${words.missing.map((w) => `"${w}"`).join(" en ")} vonden we niets. ` : "";
    if (!listing.total) {
      const what = words.found.length && words.missing.length ? "Met de andere woorden en deze filters vonden we ook niets." : "";
      return `${missing || "Niets gevonden. "}${what}`.trim() + where;
    }
    const found = `${listing.total} gevonden: ${countInWords(listing)}${position ? ", het dichtstbij eerst" : ""}.`;
    return missing + found + where;
  }

  function showLabel(listing) {
    if (!listing) return "Toon de activiteiten";
    if (!listing.total) return "Niets gevonden: zet een filter uit";
    if (listing.total === listing.activities) return `Toon ${countInWords(listing)}`;
    return `Toon ${listing.total} resultaten`;
  }

  function nextSteps(params) {
    nothing.querySelector("[data-municipality-step]")?.remove();
    const chosen = params.getAll(NAMES.municipality).filter((slug) => municipalities.has(slug));
    if (chosen.length === 1) {
      const m = municipalities.get(chosen[0]);
      const item = element("li");
      item.dataset.municipalityStep = "";
      const link = element("a", null, `Alles wat er in ${m.name} is`);
      link.href = new URL(m.url, siteRoot).pathname;
      item.append(link);
      nothing.querySelector("ul").prepend(item);
    }
  }

  async function showMore(mine, focusFirst, words) {
    const items = await listing.slice(shown, shown + PAGE_SIZE);
    if (mine !== round) return;
    const nodes = items.map((item) => resultItem(item, words));
    resultList.append(...nodes);
    shown += items.length;
    const moreHadFocus = document.activeElement === moreButton;
    moreButton.hidden = shown >= listing.total;
    if (focusFirst && nodes.length) nodes[0].querySelector("a").focus();
    else if (moreHadFocus && moreButton.hidden) statusLine.focus();
  }

  let wordsChecked = { found: [], missing: [], asked: false, ranked: [] }; // of the listing shown
  async function update() {
    const mine = ++round;
    const params = formParams();
    const chosen = [...params.keys()].filter((k) => k !== NAMES.query).length;
    chosenLabel.textContent = chosen ? `(${chosen} aan)` : "";
    for (const group of filterBody.querySelectorAll("[data-group]")) {
      const n = [...group.querySelectorAll("input")].filter((i) => (i.type === "checkbox" ? i.checked : i.value)).length;
      group.querySelector("[data-group-chosen]").textContent = n ? `(${n} gekozen)` : "";
    }
    const hadFocus = resultList.contains(document.activeElement) || document.activeElement === moreButton;
    crisis.hidden = !inNeed(params.get(NAMES.query) || "");
    if (!params.get(NAMES.query) && !chosen && !position) {
      // Nothing asked yet: nothing to fetch.
      listing = null;
      resultList.replaceChildren();
      moreButton.hidden = true;
      nothing.hidden = true;
      whereNote.hidden = true;
      statusLine.textContent = idleText;
      showButton.textContent = showLabel(null);
      clearCounts();
      return;
    }
    statusLine.textContent = "Even zoeken…";
    const pagefind = await loadEngine();
    const searched = searchedMunicipalities(params);
    whereNote.hidden = searched.length > 0;
    await useIndexes(pagefind, searched.map((slug) => municipalities.get(slug).index));
    if (mine !== round) return;
    const words = await checkedWords(pagefind, params);
    if (mine !== round) return;
    // Only words that are somewhere; none of them at all: nothing found, not everything.
    const made = words.asked && !words.found.length
      ? { total: 0, activities: 0, slice: async () => [] }
      : await makeListing(pagefind, params, words, mine);
    if (mine !== round || !made) return;
    listing = made;
    wordsChecked = words;
    resultList.replaceChildren();
    shown = 0;
    await showMore(mine, false, words.found);
    if (mine !== round) return;
    statusLine.textContent = statusText(listing, words);
    showButton.textContent = showLabel(listing);
    nextSteps(params);
    nothing.hidden = listing.total > 0;
    // Focus was on a result that is gone now: put it on the line that says what was found.
    if (hadFocus && !root.contains(document.activeElement)) statusLine.focus();
    // The counts need every filter's values: only fetch them when the filters are shown (phones
    // fold them). Words that are nowhere find nothing with any filter: no counts to fetch.
    if (words.asked && !words.found.length) clearCounts();
    else if (filtersShown()) await updateCounts(pagefind, params, words, mine);
    else countsPending = true;
  }

  // Does the query hold words of someone in acute need (whole words, in a row)?
  function inNeed(text) {
    const words = ` ${bareWords(text).join(" ")} `;
    return config.crisis.some((phrase) => words.includes(` ${phrase} `));
  }

  function filtersShown() {
    return filterBody.offsetParent !== null;
  }

  function run() {
    update().catch(failed);
  }

  // --- events ---------------------------------------------------------------------

  function remember(push) {
    const params = formParams().toString();
    const address = location.pathname + (params ? `?${params}` : "");
    if (address === location.pathname + location.search) return;
    if (push) history.pushState(null, "", address);
    else history.replaceState(null, "", address);
  }

  let typing = null;
  query.addEventListener("focus", () => { loadEngine().catch(failed); }, { once: true });
  query.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => { remember(false); run(); }, TYPING_PAUSE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    remember(true);
    run();
  });
  form.addEventListener("change", (event) => {
    if (event.target === query) return;
    remember(true);
    run();
  });
  root.querySelector("[data-clear]").addEventListener("click", () => {
    for (const input of form.querySelectorAll("input[type=checkbox]")) input.checked = false;
    for (const name of [NAMES.from, NAMES.until]) form.elements.namedItem(name).value = "";
    remember(true);
    run();
  });
  moreButton.addEventListener("click", () => showMore(round, true, wordsChecked.found).catch(failed));

  function openFilters(open) {
    filterBody.classList.toggle("hn-filters__body--open", open);
    filterToggle.setAttribute("aria-expanded", String(open));
    if (open && countsPending && listing && listing.total) {
      countsPending = false;
      loadEngine().then((pagefind) => updateCounts(pagefind, formParams(), wordsChecked, round)).catch(failed);
    }
  }
  // The filter groups open one at a time, so a phone's screen shows one list of choices.
  for (const group of filterBody.querySelectorAll("details")) {
    group.addEventListener("toggle", () => {
      if (!group.open) return;
      for (const other of filterBody.querySelectorAll("details")) if (other !== group) other.open = false;
    });
  }
  filterToggle.addEventListener("click", () => openFilters(filterToggle.getAttribute("aria-expanded") !== "true"));
  showButton.addEventListener("click", () => {
    if (filterToggle.offsetParent !== null) openFilters(false);
    resultsArea.scrollIntoView({ block: "start" });
    statusLine.focus({ preventScroll: true });
  });
  window.addEventListener("popstate", () => {
    showParams(new URLSearchParams(location.search));
    run();
  });

  nearButton.addEventListener("click", () => {
    if (position) {
      position = null;
      nearButton.textContent = "Gebruik mijn locatie";
      nearButton.setAttribute("aria-pressed", "false");
      nearStatus.textContent = "";
      run();
      return;
    }
    if (!navigator.geolocation) {
      nearStatus.textContent = "Je browser kan je locatie niet geven. Kies dan je gemeente bij de filters.";
      return;
    }
    nearStatus.textContent = "Even geduld: je browser vraagt of je je locatie wilt gebruiken.";
    navigator.geolocation.getCurrentPosition((found) => {
      position = { lat: found.coords.latitude, lon: found.coords.longitude };
      nearButton.textContent = "Niet meer sorteren op afstand";
      nearButton.setAttribute("aria-pressed", "true");
      nearStatus.textContent = "Wat het dichtst bij je is, staat nu bovenaan.";
      run();
    }, () => {
      nearStatus.textContent = "Je locatie is niet gebruikt. Kies dan je gemeente bij de filters.";
    }, { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 });
  });

  showParams(new URLSearchParams(location.search));
  root.dataset.ready = "";
  run();
}
