"""Links into the repository's web editor, for partners who only have a browser.

Every page of an offering, training or location links to its YAML file in the
web editor, and the "about" page links to a new, pre-filled offering file. The
addresses come from ``repository`` in network.yaml, so the same code works for
GitHub, GitLab and Gitea, wherever the content folder is on the machine that
builds (``folder_in_repository`` finds its place in the repository):

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


def git_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` with a ``.git`` (a folder, or a file in a worktree), if any."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def folder_in_repository(network: Network, content_root: Path, repo_root: Path | None = None) -> str | None:
    """Where the content folder stands in the network's repository: ``activities``, or ``""`` at the top.

    None without ``repository`` in network.yaml (no links at all). The folder is,
    in this order: ``repository.folder`` as written (``.`` for the top); the
    content folder's path in the git checkout it is in; its path in
    ``repo_root`` (the site's own folder, also when it is no checkout); else the
    top, as for a network that keeps its folder as a repository of its own.
    """
    if network.repository is None:
        return None
    written = network.repository.folder
    if written is not None:
        return "" if written == "." else written.strip("/")
    for root in (git_root(content_root), repo_root):
        if root is not None and (found := _folder_in_repo(Path(content_root), Path(root))) is not None:
            return "" if found == "." else found
    return ""


def repo_path(source: Path | None, content_root: Path, folder: str) -> str | None:
    """``source`` as a path from the repository root (``activities/offerings/x.yaml``), or None outside the content."""
    if source is None:
        return None
    source = Path(source)
    inner = _folder_in_repo(source.parent, Path(content_root))
    if inner is None:
        return None
    parts = [part for part in (folder, "" if inner == "." else inner, source.name) if part]
    return "/".join(parts)


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


def edit_url(network: Network, source: Path | None, content_root: Path, folder: str | None) -> str | None:
    """The web-editor address of the file ``source``; None without ``repository`` or outside the content folder."""
    if network.repository is None or folder is None:
        return None
    path = repo_path(source, content_root, folder)
    if path is None:
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


def template_for(template: Path, folder: Path, repo_root: Path | None = None) -> str:
    """The text of ``template`` as it should read in ``folder``: its $schema path made relative to that folder.

    With ``repo_root`` (where the schemas are) and a folder outside it, the
    $schema line goes: a path out of the network's repository leads nowhere.
    """
    text = template.read_text(encoding="utf-8")
    if repo_root is not None and _folder_in_repo(Path(folder), Path(repo_root)) is None:
        return _SCHEMA_LINE.sub("", text, count=1).lstrip("\n")

    def rebase(match: re.Match) -> str:
        target = (template.parent / match.group(2)).resolve()
        relative = os.path.relpath(target, Path(folder).resolve())
        return match.group(1) + PurePosixPath(*Path(relative).parts).as_posix()

    return _SCHEMA_LINE.sub(rebase, text, count=1)


def new_item_url(
    network: Network,
    content_root: Path,
    folder: str | None,
    repo_root: Path | None,
    kind: str = "offerings",
    filename: str = NEW_OFFERING_NAME,
) -> str | None:
    """The "add a new offering" link: the web editor in the content's ``offerings/``, with the template filled in.

    The template is the site's own (``templates/`` in ``repo_root``).
    """
    if folder is None:
        return None
    target = "/".join(part for part in (folder, kind) if part)
    template = Path(repo_root) / TEMPLATES_DIR / f"{TEMPLATES[kind]}.yaml" if repo_root is not None else None
    content = (
        template_for(template, Path(content_root) / kind, repo_root)
        if template is not None and template.is_file()
        else None
    )
    return new_file_url(network, target, filename, content)
