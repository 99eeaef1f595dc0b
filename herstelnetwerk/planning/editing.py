"""Links into the repository's web editor, for partners who only have a browser.

Every page of an offering, training or location links to its YAML file in the
web editor, and the "about" page links to a new, pre-filled offering file. The
addresses come from ``repository`` in network.yaml, so the same code works for
GitHub, GitLab and Gitea:

- edit: ``edit_url`` + the file's path from the repository root, e.g.
  ``https://github.com/org/site/edit/main/`` + ``activities/offerings/x.yaml``;
- new file: ``new_file_url`` + the folder, plus a file name and the content in
  the query string. GitHub and Gitea read ``filename`` and ``value``; GitLab
  (whose addresses contain ``/-/new/``) reads ``file_name`` and ``content``.

Nothing here touches the provider of an offering: links carry only a path and,
for a new file, the blank template from ``templates/``.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlencode

from ..loading.model import Network

TEMPLATES_DIR = "templates"
# Content folder -> the template a new file in that folder starts from.
TEMPLATES = {"offerings": "activiteit", "trainings": "training", "locations": "locatie"}
NEW_OFFERING_NAME = "nieuwe-activiteit.yaml"

_SCHEMA_LINE = re.compile(r"^(# yaml-language-server: \$schema=)(\S+)[ \t]*$", re.MULTILINE)


def repo_path(source: Path | None, repo_root: Path | None) -> str | None:
    """``source`` as a path from the repository root (``activities/offerings/x.yaml``), or None outside it."""
    if source is None or repo_root is None:
        return None
    source = Path(source)
    folder = _folder_in_repo(source.parent, Path(repo_root))
    if folder is None:
        return None
    return source.name if folder == "." else f"{folder}/{source.name}"


@lru_cache(maxsize=256)
def _folder_in_repo(folder: Path, repo_root: Path) -> str | None:
    """A folder as a path from the repository root; thousands of files share a handful of folders."""
    try:
        relative = folder.resolve().relative_to(repo_root.resolve())
    except ValueError:
        return None
    return PurePosixPath(*relative.parts).as_posix()


def _join(base: str, path: str) -> str:
    return base.rstrip("/") + "/" + quote(path.strip("/"), safe="/")


def edit_url(network: Network, source: Path | None, repo_root: Path | None) -> str | None:
    """The web-editor address of the file ``source``; None without ``repository`` or outside the repository."""
    path = repo_path(source, repo_root)
    if network.repository is None or path is None:
        return None
    return _join(network.repository.edit_url, path)


def is_gitlab(new_file_url: str) -> bool:
    """GitLab's addresses have ``/-/`` before the action (``/-/new/main/``)."""
    return "/-/new/" in new_file_url or "/-/edit/" in new_file_url


def new_file_url(network: Network, folder: str, filename: str, content: str | None) -> str | None:
    """The address of the web editor's "new file" page in ``folder``, with the name and content filled in."""
    if network.repository is None or not network.repository.new_file_url:
        return None
    base = _join(network.repository.new_file_url, folder)
    names = ("file_name", "content") if is_gitlab(network.repository.new_file_url) else ("filename", "value")
    query = {names[0]: filename}
    if content:
        query[names[1]] = content
    return f"{base}?{urlencode(query)}"


def template_for(template: Path, folder: Path) -> str:
    """The text of ``template`` as it should read in ``folder``: its $schema path made relative to that folder."""
    text = template.read_text(encoding="utf-8")

    def rebase(match: re.Match) -> str:
        target = (template.parent / match.group(2)).resolve()
        relative = os.path.relpath(target, Path(folder).resolve())
        return match.group(1) + PurePosixPath(*Path(relative).parts).as_posix()

    return _SCHEMA_LINE.sub(rebase, text, count=1)


def new_item_url(
    network: Network,
    activities_root: Path,
    repo_root: Path | None,
    kind: str = "offerings",
    filename: str = NEW_OFFERING_NAME,
) -> str | None:
    """The "add a new offering" link: the web editor in ``activities/offerings`` with the template filled in."""
    if repo_root is None:
        return None
    folder_path = Path(activities_root) / kind
    folder = repo_path(folder_path, repo_root)
    if folder is None:
        return None
    template = Path(repo_root) / TEMPLATES_DIR / f"{TEMPLATES[kind]}.yaml"
    content = template_for(template, folder_path) if template.is_file() else None
    return new_file_url(network, folder, filename, content)
