// The finder: full-text search with filters over this site's own search index.
//
// Everything happens in the browser. The only requests go to the index files
// of this same site. The position from "Gebruik mijn locatie" is used here to
// sort the results and is never sent anywhere, stored or put in the address.
//
// The address holds the search (q=...&gemeente=soest&binnenlopen=ja), so a
// search can be shared, reloaded, and walked back with the back button.
//
// The index is split so a search downloads little on a large network: a general
// index (with the search engine; it holds the online activities too) and one per
// municipality. The finder adds the index of each municipality it searches in:
// the chosen ones, the nearest ones for "Gebruik mijn locatie", or all of them
// on a network with few municipalities.

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
if (root) {
  start(root).catch((error) => {
    console.error(error);
    root.hidden = true;
    const fallback = document.querySelector("[data-finder-nojs]");
    if (fallback) {
      fallback.textContent = "Zoeken lukt nu niet. Kies hieronder zelf waar je kijkt.";
      fallback.hidden = false;
    }
  });
}

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

// --- the finder -------------------------------------------------------------------

async function start(root) {
  const config = JSON.parse(root.dataset.search);
  NAMES = config.names;
  WEEKDAYS = config.weekdays;
  const form = root.querySelector("form");
  const query = form.elements.namedItem(NAMES.query);
  const statusLine = root.querySelector("[data-status]");
  const resultList = root.querySelector("[data-results]");
  const moreButton = root.querySelector("[data-more]");
  const nearButton = root.querySelector("[data-near]");
  const nearStatus = root.querySelector("[data-near-status]");
  const filterPanel = root.querySelector("[data-filters]");
  const chosenLabel = root.querySelector("[data-chosen]");
  const whereNote = root.querySelector("[data-where]");
  const lastDate = root.dataset.last;
  const whenOptions = [...form.querySelectorAll("input")].filter((i) => i.name === NAMES.when).map((i) => i.value);
  const municipalities = new Map(config.municipalities.map((m) => [m.slug, m]));
  const searchAll = config.municipalities.length <= config.searchAllUpTo;

  const bundle = new URL(root.dataset.bundle, document.baseURI);
  const siteRoot = new URL("..", bundle);
  const pagefind = await import(new URL("pagefind.js", bundle).href);
  // No web worker: one file less to download, and the search is quick on the main thread.
  const engineOptions = { noWorker: true, baseUrl: siteRoot.pathname, excerptLength: 24 };
  await pagefind.options(engineOptions);

  document.querySelector("[data-finder-nojs]")?.setAttribute("hidden", "");
  root.hidden = false;
  if (window.matchMedia("(min-width: 60em)").matches) filterPanel.open = true;

  let position = null; // {lat, lon}: only in this variable, never sent or stored
  let listing = null;
  let shown = 0;
  let round = 0; // the newest update; older ones stop when they see a newer round
  let countsPending = false;
  let merged = []; // the folders of the indexes added to the general one
  let switching = Promise.resolve();

  // The municipalities to search in: all of a small network (a region, so every count is
  // known); on a large one the chosen ones, else the nearest, else none.
  function searchedMunicipalities(params) {
    if (searchAll) return [...municipalities.keys()];
    const chosen = params.getAll(NAMES.municipality).filter((slug) => municipalities.has(slug));
    if (chosen.length) return chosen;
    if (position) {
      return [...municipalities.values()].filter((m) => m.lat !== undefined)
        .sort((a, b) => distanceKm(position, a) - distanceKm(position, b))
        .slice(0, config.near).map((m) => m.slug);
    }
    return [];
  }

  // Make the engine search the general index plus exactly these indexes. An index cannot be
  // taken out again, so fewer indexes than before means starting over (from the browser's cache).
  function useIndexes(folders) {
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

  // Pagefind filters for the chosen options; `without` leaves one group out (for its counts).
  function filtersFor(params, without = null) {
    const filters = {};
    for (const group of NAMES.lists) {
      const values = params.getAll(group);
      if (group !== without && values.length) filters[group] = { any: values };
    }
    for (const group of NAMES.yesNo) {
      if (group !== without && params.get(group) === NAMES.yes) filters[group] = NAMES.yes;
    }
    if (without !== NAMES.when) {
      const days = chosenDates(params, lastDate);
      if (days) filters[NAMES.date] = { any: days.length ? days : [NOTHING] };
    }
    return filters;
  }

  function search(params, filters) {
    return pagefind.search(params.get(NAMES.query) || null, { filters });
  }

  // How many results each option would give, with the other groups as they are.
  async function updateCounts(params, mine) {
    const counts = {};
    for (const group of [...NAMES.lists, ...NAMES.yesNo]) {
      // An empty "any" loads the group's values for counting without narrowing the search.
      const result = await search(params, { ...filtersFor(params, group), [group]: { any: [] } });
      if (mine !== round) return;
      counts[group] = result.filters[group] || {};
    }
    const others = filtersFor(params, NAMES.when);
    counts[NAMES.when] = {};
    for (const when of whenOptions) {
      const days = chosenDates(params, lastDate, [when]);
      const result = await search(params, { ...others, [NAMES.date]: { any: days.length ? days : [NOTHING] } });
      if (mine !== round) return;
      counts[NAMES.when][when] = result.results.length;
    }
    const searched = new Set(merged);
    for (const input of form.querySelectorAll("input[type=checkbox]")) {
      const label = input.closest("label").querySelector("[data-count]");
      // A municipality whose index is not loaded: its number is not known here.
      if (input.name === NAMES.municipality && !searched.has(municipalities.get(input.value)?.index)) {
        label.textContent = "";
        label.classList.remove("hn-n--zero");
        continue;
      }
      const count = counts[input.name]?.[input.value] || 0;
      label.textContent = `(${count})`;
      label.classList.toggle("hn-n--zero", count === 0);
    }
  }

  // The results in the order to show them: by distance, by relevance, or the soonest first.
  async function makeListing(params, mine) {
    const filters = filtersFor(params);
    if (position) {
      return orderedListing(params, filters, mine, NAMES.place, (value) => distanceKm(position, placeOf(value)), (item, key) => { item.km = key; });
    }
    if (params.get(NAMES.query)) {
      const result = await search(params, filters);
      return { total: result.results.length, slice: (a, b) => Promise.all(result.results.slice(a, b).map(load)) };
    }
    // Each index sorts its own results; together they are put in order by their next time.
    return orderedListing(params, filters, mine, NAMES.next, (value) => value, () => {});
  }

  // The results in the order of one filter's values (place or next time). The values, with the
  // number of results for each, come without loading any result; so only the results of the
  // first values are loaded, batch by batch. Results without a value come last.
  async function orderedListing(params, filters, mine, name, keyOf, note) {
    const all = await search(params, { ...filters, [name]: { any: [] } });
    if (mine !== round) return null;
    const values = Object.entries(all.filters[name] || {}).filter(([, n]) => n > 0)
      .map(([value, n]) => ({ value, n, key: keyOf(value) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const withValue = values.length
      ? new Set((await search(params, { ...filters, [name]: { any: values.map((v) => v.value) } })).results.map((r) => r.id))
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
        const found = await search(params, { ...filters, [name]: { any: batch } });
        const loaded = await Promise.all(found.results.map(load));
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
        ready.push(...await Promise.all(without.slice(start, start + count - ready.length).map(load)));
      }
    }
    return { total: all.results.length, slice: async (a, b) => { await fill(b); return ready.slice(a, b); } };
  }

  async function load(result) {
    return await result.data();
  }

  function nextTime(meta) {
    const { date: today, time } = now();
    for (const slot of (meta.tijden || "").split(" ").filter(Boolean)) {
      const [start, end] = slot.split("/");
      const [day, from] = start.split("T");
      if (day > today || (day === today && end > time)) return `${dayInWords(day, today)}, ${from} - ${end}`;
    }
    return null;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function resultItem(item) {
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
    if (meta.plaats) fact("Waar", meta.gemeente && !meta.plaats.includes(meta.gemeente) ? `${meta.plaats} (${meta.gemeente})` : meta.plaats);
    if (item.km !== undefined && item.km !== Infinity) fact("Afstand", distanceInWords(item.km));
    if (facts.children.length) article.append(facts);
    if (meta[NAMES.walkIn] === NAMES.yes || meta.vol === NAMES.yes) {
      const tags = element("p", "hn-card__meta");
      if (meta[NAMES.walkIn] === NAMES.yes) tags.append(element("span", "hn-tag hn-tag--walkin", "Gewoon binnenlopen"));
      if (meta.vol === NAMES.yes) tags.append(" ", element("span", "hn-tag hn-tag--full", "Vol"));
      article.append(tags);
    }
    // With words to search for, the passage where they occur; otherwise the summary.
    const text = query.value.trim() ? item.plain_excerpt : meta.samenvatting || item.plain_excerpt;
    if (text) article.append(element("p", "hn-result__excerpt", text));
    li.append(article);
    return li;
  }

  function statusText(total) {
    const where = whereNote.hidden ? "" : " Kies een gemeente of gebruik je locatie om ook activiteiten in de buurt te vinden.";
    if (!total) return `Niets gevonden. Probeer een ander woord of zet een filter uit.${where}`;
    const count = total === 1 ? "1 resultaat" : `${total} resultaten`;
    return (position ? `${count}, het dichtstbij eerst.` : `${count}.`) + where;
  }

  async function showMore(mine, focusFirst) {
    const items = await listing.slice(shown, shown + PAGE_SIZE);
    if (mine !== round) return;
    const nodes = items.map(resultItem);
    resultList.append(...nodes);
    shown += items.length;
    const moreHadFocus = document.activeElement === moreButton;
    moreButton.hidden = shown >= listing.total;
    if (focusFirst && nodes.length) nodes[0].querySelector("a").focus();
    else if (moreHadFocus && moreButton.hidden) statusLine.focus();
  }

  async function update() {
    const mine = ++round;
    const params = formParams();
    const chosen = [...params.keys()].filter((k) => k !== NAMES.query).length;
    chosenLabel.textContent = chosen ? `(${chosen} aan)` : "";
    const searched = searchedMunicipalities(params);
    whereNote.hidden = searched.length > 0;
    await useIndexes(searched.map((slug) => municipalities.get(slug).index));
    if (mine !== round) return;
    const made = await makeListing(params, mine);
    if (mine !== round || !made) return;
    listing = made;
    const hadFocus = resultList.contains(document.activeElement) || document.activeElement === moreButton;
    resultList.replaceChildren();
    shown = 0;
    await showMore(mine, false);
    if (mine !== round) return;
    statusLine.textContent = statusText(listing.total);
    // Focus was on a result that is gone now: put it on the line that says what was found.
    if (hadFocus && !root.contains(document.activeElement)) statusLine.focus();
    // The counts need every filter's values: only fetch them when the filters are open (phones fold them).
    if (filterPanel.open) await updateCounts(params, mine);
    else countsPending = true;
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
  query.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => { remember(false); update(); }, TYPING_PAUSE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    remember(true);
    update();
  });
  form.addEventListener("change", (event) => {
    if (event.target === query) return;
    remember(true);
    update();
  });
  root.querySelector("[data-clear]").addEventListener("click", () => {
    for (const input of form.querySelectorAll("input[type=checkbox]")) input.checked = false;
    for (const name of [NAMES.from, NAMES.until]) form.elements.namedItem(name).value = "";
    remember(true);
    update();
  });
  moreButton.addEventListener("click", () => showMore(round, true));
  filterPanel.addEventListener("toggle", () => {
    if (filterPanel.open && countsPending) {
      countsPending = false;
      updateCounts(formParams(), round);
    }
  });
  window.addEventListener("popstate", () => {
    showParams(new URLSearchParams(location.search));
    update();
  });

  nearButton.addEventListener("click", () => {
    if (position) {
      position = null;
      nearButton.textContent = "Gebruik mijn locatie";
      nearButton.setAttribute("aria-pressed", "false");
      nearStatus.textContent = "";
      update();
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
      update();
    }, () => {
      nearStatus.textContent = "Je locatie is niet gebruikt. Kies dan je gemeente bij de filters.";
    }, { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 });
  });

  showParams(new URLSearchParams(location.search));
  await update();
}
