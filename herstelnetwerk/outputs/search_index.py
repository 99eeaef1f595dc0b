"""Writes the finder's search indexes, one Pagefind index per folder, from search records.

``planning.search`` (through ``SitePlan.search_records``) decides what is searchable and in which index; this
module hands those records to one Pagefind process, index after index. It
does not read the built pages, so it can run while they are still being
written.

It speaks Pagefind's service protocol itself (what the ``pagefind`` package's
client speaks too): that client reads one answer per tenth of a second, which
would make 20,000 records take over half an hour.

Only the general index carries the search engine (its JavaScript and
WebAssembly); the other indexes are merged into it in the browser and only
need their own data, so the engine's files are left out of their folders.

The same records give the same files. Pagefind 1.5 puts the filters of an
index in the order of a hash map that is seeded anew in every run, so this
module asks for the files (``GetFiles``) instead of having them written, puts
the filters in a fixed order (``_fix_filter_order``) and writes the files
itself. That also means every file is complete once ``write_indexes``
returns: Pagefind's own writing may still be under way when it answers, and
it stops at the end of its input without waiting for it.
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import json
import os
import shutil
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from pagefind.service import get_executable

from ..planning.search import SearchRecord

LANGUAGE = "nl"
# What a merged index is made of (the first part of each path); the rest of a bundle is the engine and its UI.
MERGED_INDEX_FILES = ("pagefind-entry.json", "*.pf_meta", "index", "fragment", "filter")
# Records sent to the indexer before waiting for its answers.
BATCH = 500
# What every compressed Pagefind file starts with once unpacked.
SIGNATURE = b"pagefind_dcd"
# The longest answer read: an index's files come back in one (a few megabytes at 20,000 records).
LONGEST_ANSWER = 2**28


def write_indexes(site: Path, records: dict[str, list[SearchRecord]], general: str) -> dict[str, int]:
    """Write every index into the site; returns the number of records each index holds."""
    return asyncio.run(_write_indexes(Path(site), records, general))


class SearchIndexError(RuntimeError):
    """The indexer refused a request or stopped."""


class _Indexer:
    """One ``pagefind --service`` process: requests go in as base64 JSON, each followed by a comma."""

    async def start(self) -> _Indexer:
        executable = get_executable()
        if executable is None:
            raise SearchIndexError("het programma pagefind is niet geïnstalleerd")
        self._process = await asyncio.create_subprocess_exec(
            str(executable),
            "--service",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=LONGEST_ANSWER,
        )
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None  # both are pipes
        self._stdin, self._stdout = stdin, stdout
        self._waiting: dict[int, asyncio.Future] = {}
        self._last_id = 0
        self._broken: str | None = None
        self._reader = asyncio.create_task(self._read_answers())
        return self

    async def ask(self, payload: dict) -> dict:
        return (await self.ask_all([payload]))[0]

    async def ask_all(self, payloads: list[dict]) -> list[dict]:
        """The answers to ``payloads``, sent in one go; raises SearchIndexError if one is refused."""
        if self._broken:
            raise SearchIndexError(self._broken)
        loop = asyncio.get_running_loop()
        answers, messages = [], []
        for payload in payloads:
            self._last_id += 1
            answer = loop.create_future()
            self._waiting[self._last_id] = answer
            answers.append(answer)
            message = json.dumps({"message_id": self._last_id, "payload": payload}).encode("utf-8")
            messages.append(base64.b64encode(message) + b",")
        self._stdin.write(b"".join(messages))
        await self._stdin.drain()
        return list(await asyncio.gather(*answers))

    async def _read_answers(self) -> None:
        try:
            while True:
                raw = await self._stdout.readuntil(b",")
                answer = json.loads(base64.b64decode(raw[:-1]))
                payload = answer["payload"]
                number = answer.get("message_id")
                if number is None and payload.get("original_message"):
                    # A request it could not read comes back with the request itself.
                    number = json.loads(payload["original_message"]).get("message_id")
                if number is None:
                    self._fail_all(payload.get("message", "onbekende fout"))
                    return
                waiting = self._waiting.pop(number, None)
                if waiting is None:
                    continue
                if payload.get("type") == "Error":
                    waiting.set_exception(SearchIndexError(payload.get("message", "onbekende fout")))
                else:
                    waiting.set_result(payload)
        except asyncio.IncompleteReadError:
            self._fail_all("pagefind is onverwacht gestopt")
        except Exception as error:  # an answer we cannot read: nobody may wait for ever
            self._fail_all(f"onleesbaar antwoord van pagefind ({type(error).__name__}: {error})")

    def _fail_all(self, message: str) -> None:
        for waiting in self._waiting.values():
            if not waiting.done():
                waiting.set_exception(SearchIndexError(message))
        self._waiting.clear()
        self._broken = message

    async def close(self) -> None:
        """Close its input, on which it stops; stop it outright if it does not."""
        self._stdin.close()
        try:
            await asyncio.wait_for(self._process.wait(), timeout=10)
        except TimeoutError:
            self._process.kill()
            await self._process.wait()
        self._reader.cancel()


async def _write_indexes(site: Path, records: dict[str, list[SearchRecord]], general: str) -> dict[str, int]:
    for folder in records:
        shutil.rmtree(site / folder, ignore_errors=True)
    counts: dict[str, int] = {}
    writing: asyncio.Task | None = None
    indexer = await _Indexer().start()
    try:
        # The general index first: the others are written in folders inside its folder.
        for folder in sorted(records, key=lambda f: (f != general, f)):
            index = (await indexer.ask({"type": "NewIndex", "config": {"force_language": LANGUAGE}}))["index_id"]
            batch = records[folder]
            for start in range(0, len(batch), BATCH):
                await indexer.ask_all([_record_request(index, record) for record in batch[start : start + BATCH]])
            files = (await indexer.ask({"type": "GetFiles", "index_id": index}))["files"]
            await indexer.ask({"type": "DeleteIndex", "index_id": index})
            # Only what is kept is decoded: a merged index leaves the engine's files (most of the bytes) out.
            bundle = {
                file["path"]: base64.b64decode(file["content"])
                for file in files
                if folder == general or _is_index_data(file["path"])
            }
            if writing:
                await writing
            # Written in a thread while the indexer makes the next index.
            writing = asyncio.create_task(asyncio.to_thread(_write_bundle, site / folder, bundle))
            counts[folder] = len(batch)
        if writing:
            await writing
    finally:
        await indexer.close()
    return counts


def _record_request(index: int, record: SearchRecord) -> dict:
    facets = record.facets
    return {
        "type": "AddRecord",
        "index_id": index,
        "url": "/" + record.page,
        "content": record.text,
        "language": LANGUAGE,
        "meta": record.meta(),
        "filters": facets.filters if facets else None,
        "sort": facets.sort if facets and facets.sort else None,
    }


def _is_index_data(path: str) -> bool:
    """Whether a file of a bundle belongs to the index itself, not to the engine."""
    first = path.split("/", 1)[0]
    return any(fnmatchcase(first, pattern) for pattern in MERGED_INDEX_FILES)


def _write_bundle(folder: Path, bundle: dict[str, bytes]) -> None:
    """Write an index's files into ``folder``, its filters in a fixed order."""
    # Plain strings, not Path objects: an index at 20,000 activities has some 20,000 files.
    made: set[str] = set()
    for path, data in _fix_filter_order(bundle).items():
        if path.startswith("/") or ".." in path.split("/"):
            raise SearchIndexError(f"pagefind noemt een bestand buiten de index: {path}")
        target = os.path.join(folder, path)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(target, "wb") as file:
            file.write(data)


def _fix_filter_order(bundle: dict[str, bytes]) -> dict[str, bytes]:
    """``bundle`` with the filters of each language in a fixed order: the one Pagefind itself uses after 1.5.2.

    Pagefind 1.5 lists an index's filters in its metadata file, and the values
    of a filter in that filter's file, in hash-map order, which changes from
    run to run. Here the filters are sorted by name, their values by value, and
    the sort orders by name. A file is named after the SHA-1 of its contents;
    the metadata file names the filter files and is named in
    ``pagefind-entry.json``, so what changes is renamed and its new name
    written there. Page numbers, the word index and the fragments are already
    the same in every run.
    """
    fixed = dict(bundle)
    entry = bundle["pagefind-entry.json"].decode("utf-8")
    for language, about in json.loads(entry)["languages"].items():
        meta_path = f"pagefind.{about['hash']}.pf_meta"
        version, pages, chunks, filters, sorts, fields = _read_data(meta_path, fixed.pop(meta_path))
        contents = {}
        for name, short in filters:
            filter_path = f"filter/{short}.pf_filter"
            filter_name, values = _read_data(filter_path, fixed.pop(filter_path))
            contents[name] = _cbor([filter_name, sorted(values)])  # each value is there once: by value
        named = []
        for name in sorted(contents):
            full = f"{language}_{_content_hash(contents[name])}"
            short = full[: len(language) + 8]
            while f"filter/{short}.pf_filter" in fixed and short != full:  # names clash: longer, like Pagefind
                short = full[: len(short) + 2]
            fixed[f"filter/{short}.pf_filter"] = _compressed(contents[name])
            named.append([name, short])
        meta = _cbor([version, pages, chunks, named, sorted(sorts), fields])
        meta_hash = f"{language}_{_content_hash(meta)[: len(language) + 8]}"
        fixed[f"pagefind.{meta_hash}.pf_meta"] = _compressed(meta)
        reference = f'"hash":"{about["hash"]}"'
        if reference not in entry:
            raise SearchIndexError("onbekende indeling van pagefind in pagefind-entry.json")
        entry = entry.replace(reference, f'"hash":"{meta_hash}"')
    fixed["pagefind-entry.json"] = entry.encode("utf-8")
    return fixed


def _content_hash(data: bytes) -> str:
    """Pagefind's name for contents: their SHA-1 in hexadecimal, each byte without a leading zero."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())


def _compressed(data: bytes) -> bytes:
    return gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0)


def _read_data(path: str, compressed: bytes) -> Any:
    """One of Pagefind's data files: compressed, the signature, then one CBOR value."""
    data = gzip.decompress(compressed)
    if data.startswith(SIGNATURE):
        value, end = _decode_cbor(data, len(SIGNATURE))
        # It is written back: only what this codec reads and writes unchanged may be rewritten.
        if end == len(data) and _cbor(value) == data[len(SIGNATURE) :]:
            return value
    raise SearchIndexError(f"onbekende indeling van pagefind in {path}")


def _decode_cbor(data: bytes, at: int) -> tuple[Any, int]:
    """The CBOR value at ``at`` and where it ends: only what Pagefind writes there (numbers, texts, lists)."""
    kind, size = data[at] >> 5, data[at] & 31
    at += 1
    if 24 <= size <= 27:
        width = 1 << (size - 24)
        size, at = int.from_bytes(data[at : at + width], "big"), at + width
    elif size > 27:
        raise SearchIndexError("onbekende indeling van pagefind")
    if kind == 0:
        return size, at
    if kind == 1:
        return -1 - size, at
    if kind == 3:
        return data[at : at + size].decode("utf-8"), at + size
    if kind == 4:
        items = []
        for _ in range(size):
            item, at = _decode_cbor(data, at)
            items.append(item)
        return items, at
    raise SearchIndexError("onbekende indeling van pagefind")


def _cbor(value: Any) -> bytes:
    """``value`` in CBOR as Pagefind writes it: definite lengths, each number in its shortest form."""
    parts: list[bytes] = []
    _encode_cbor(value, parts)
    return b"".join(parts)


def _encode_cbor(value: Any, parts: list[bytes]) -> None:
    if isinstance(value, list):
        parts.append(_cbor_head(4, len(value)))
        for item in value:
            _encode_cbor(item, parts)
    elif isinstance(value, str):
        text = value.encode("utf-8")
        parts.append(_cbor_head(3, len(text)))
        parts.append(text)
    elif value >= 0:
        parts.append(_cbor_head(0, value))
    else:
        parts.append(_cbor_head(1, -1 - value))


def _cbor_head(kind: int, size: int) -> bytes:
    if size < 24:
        return bytes([kind << 5 | size])
    for extra, width in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if size < 1 << (8 * width):
            return bytes([kind << 5 | extra]) + size.to_bytes(width, "big")
    raise SearchIndexError("onbekende indeling van pagefind")
