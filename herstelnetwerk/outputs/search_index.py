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
need their own data, so the engine's files are removed from their folders.
"""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
from pathlib import Path

from pagefind.service import get_executable

from ..planning.search import SearchRecord

LANGUAGE = "nl"
# What a merged index is made of; the rest of a written bundle is the engine and its UI.
MERGED_INDEX_FILES = ("pagefind-entry.json", "*.pf_meta", "index", "fragment", "filter")
# Records sent to the indexer before waiting for its answers.
BATCH = 500


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
            str(executable), "--service", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=2**24
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
        if self._broken:
            raise SearchIndexError(self._broken)
        self._last_id += 1
        answer = asyncio.get_running_loop().create_future()
        self._waiting[self._last_id] = answer
        message = json.dumps({"message_id": self._last_id, "payload": payload}).encode("utf-8")
        self._stdin.write(base64.b64encode(message) + b",")
        await self._stdin.drain()
        return await answer

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
    indexer = await _Indexer().start()
    try:
        # The general index first: the others are written in folders inside its folder.
        for folder in sorted(records, key=lambda f: (f != general, f)):
            index = (await indexer.ask({"type": "NewIndex", "config": {"force_language": LANGUAGE}}))["index_id"]
            batch = records[folder]
            for start in range(0, len(batch), BATCH):
                await asyncio.gather(
                    *(indexer.ask(_record_request(index, record)) for record in batch[start : start + BATCH])
                )
            await indexer.ask({"type": "WriteFiles", "index_id": index, "output_path": str(site / folder)})
            await indexer.ask({"type": "DeleteIndex", "index_id": index})
            if folder != general:
                _keep_only_index_data(site / folder)
            counts[folder] = len(batch)
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


def _keep_only_index_data(bundle: Path) -> None:
    keep = {path for pattern in MERGED_INDEX_FILES for path in bundle.glob(pattern)}
    for path in bundle.iterdir():
        if path not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
