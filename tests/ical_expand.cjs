// Expands iCal feeds with Mozilla's ical.js (the parser of Thunderbird), for tests/test_feeds_in_ical_js.py.
//
// Usage: node ical_expand.cjs ICAL_JS FROM UNTIL FEED...   (FROM and UNTIL: ISO dates)
// Prints JSON: {feed: [[uid, summary, startUnix, endUnix], ...]} with every occurrence that
// starts in [FROM, UNTIL). Times are turned into Unix seconds by ical.js itself, with the
// VTIMEZONE of the feed: a misread time zone shows as an hour's difference.
"use strict";
const fs = require("fs");
const [icalPath, from, until, ...feeds] = process.argv.slice(2);
const ICAL = require(icalPath);

const start = Date.parse(`${from}T00:00:00Z`) / 1000;
const stop = Date.parse(`${until}T00:00:00Z`) / 1000;
const result = {};

for (const feed of feeds) {
  const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(feed, "utf8")));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const masters = new Map();
  const exceptions = [];
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    if (event.isRecurrenceException()) exceptions.push(event);
    else masters.set(event.uid, event);
  }
  for (const exception of exceptions) masters.get(exception.uid).relateException(exception);
  const found = [];
  for (const event of masters.values()) {
    const add = (details) => {
      const begin = details.startDate.toUnixTime();
      if (begin >= start && begin < stop) {
        found.push([event.uid, details.item.summary, begin, details.endDate.toUnixTime()]);
      }
    };
    if (!event.isRecurring()) {
      add({ startDate: event.startDate, endDate: event.endDate, item: event });
      continue;
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (next.toUnixTime() >= stop + 366 * 86400) break; // a moved session may come from a little later
      add(event.getOccurrenceDetails(next));
    }
  }
  found.sort((a, b) => a[2] - b[2] || a[0].localeCompare(b[0]));
  result[feed] = found;
}
process.stdout.write(JSON.stringify(result));
