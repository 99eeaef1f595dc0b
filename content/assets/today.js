// The lists as they are now, by the visitor's clock.
//
// The site is built once a day; a resident may look in the evening. Then what
// ended this afternoon is no longer "coming". This script takes it off the page
// as soon as the page is read, with the data the build wrote into it:
//
// - data-hn-end="2026-11-23T12:00:00+01:00": an item of a list (a session);
//   removed once that moment has passed.
// - data-hn-sessions='{"sessions": [...], "more": true}': an activity's card
//   with its next sessions (end, date, and the words the card shows). Its
//   "Volgende keer" (data-hn-next) moves on to the first that has not ended;
//   with none left the card says to look at the activity (more) or goes.
// - data-hn-group: a part (a day, a municipality) that goes when nothing of it
//   is left; an emptied list goes too.
// - data-hn-empty: a hidden "nothing planned" line, shown when its part is left
//   without items.
// - data-hn-count="ends" (with data-hn-ends, the ends of sessions the page does
//   not show) or "cards" (the cards left on the page), with data-hn-one and
//   data-hn-many: a number in the text, said again for what is left. None of those
//   sessions left: its paragraph goes.
//
// Times are moments with their offset, so comparing them with the visitor's clock
// is exact in any time zone; the days in words come from the build (Dutch, in the
// Netherlands' time). Data that is missing or cannot be read leaves the page as built.

const ITEMS = "[data-hn-end], [data-hn-sessions], [data-hn-ends]";
const NOW = Date.now();

function ended(iso) {
  const moment = Date.parse(iso || "");
  return Number.isFinite(moment) && moment <= NOW;
}

function isEmpty(element) {
  if (element.matches("ul, ol")) return element.children.length === 0;
  return element.hasAttribute("data-hn-group") && !element.querySelector(ITEMS);
}

// Remove `element`, and the lists and groups around it that it leaves empty.
function drop(element) {
  let parent = element.parentElement;
  element.remove();
  while (parent && isEmpty(parent)) {
    const next = parent.parentElement;
    parent.remove();
    parent = next;
  }
}

function readJson(text) {
  try {
    return JSON.parse(text || "");
  } catch {
    return null;
  }
}

// "Maandag 30 november, 10:00 - 12:00", and its note: as the build writes a card's next time.
function showSession(place, session) {
  const time = document.createElement("time");
  time.dateTime = session.date;
  time.textContent = session.day;
  const parts = [time, `, ${session.times}`];
  if (session.topic) {
    const topic = document.createElement("span");
    topic.className = "hn-topic";
    topic.textContent = session.topic;
    parts.push(" · ", topic);
  }
  if (session.note) {
    const note = document.createElement("strong");
    note.className = "hn-note";
    note.textContent = session.note;
    parts.push(" ", note);
  }
  place.replaceChildren(...parts);
}

function correctCard(card) {
  const data = readJson(card.dataset.hnSessions);
  const sessions = data && Array.isArray(data.sessions) ? data.sessions : [];
  if (!sessions.length || !sessions.every((s) => s && typeof s.end === "string")) return;
  const next = sessions.findIndex((s) => !ended(s.end));
  if (next === 0) return;
  const place = card.querySelector("[data-hn-next]");
  if (next > 0) {
    if (place) showSession(place, sessions[next]);
  } else if (data.more) {
    if (place) place.textContent = "Kijk bij de activiteit wanneer de volgende keer is.";
  } else {
    drop(card.closest("li") || card);
  }
}

function plural(count, element) {
  const noun = count === 1 ? element.dataset.hnOne : element.dataset.hnMany;
  return noun ? `${count} ${noun}` : null;
}

function correctCount(element) {
  let count;
  if (element.dataset.hnCount === "ends") {
    const ends = (element.dataset.hnEnds || "").split(" ").filter(Boolean);
    if (!ends.length) return; // not known: the count stays as built
    count = ends.filter((end) => !ended(end)).length;
    if (count === 0) {
      drop(element.closest("p") || element);
      return;
    }
  } else if (element.dataset.hnCount === "cards") {
    count = document.querySelectorAll("[data-hn-sessions]").length;
  } else {
    return;
  }
  const text = plural(count, element);
  if (text && element.textContent !== text) element.textContent = text;
}

function correct() {
  for (const item of document.querySelectorAll("[data-hn-end]")) {
    if (ended(item.dataset.hnEnd)) drop(item);
  }
  for (const card of document.querySelectorAll("[data-hn-sessions]")) correctCard(card);
  for (const element of document.querySelectorAll("[data-hn-count]")) correctCount(element);
  for (const line of document.querySelectorAll("[data-hn-empty]")) {
    if (line.parentElement && !line.parentElement.querySelector(ITEMS)) line.hidden = false;
  }
}

correct();
