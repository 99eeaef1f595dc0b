"""MkDocs adapter: the site plan of ``herstelnetwerk`` as MkDocs pages, and the feeds and search index beside them.

The domain decides which pages there are and what each shows
(``herstelnetwerk.planning``); this module only translates: it reads the
settings, wraps each planned page in a generated MkDocs page, hands its
template the page's view, starts and awaits the files made beside the pages
(``herstelnetwerk.outputs``), and fills in each page's security policy.
Content errors become one build error that lists them all, in Dutch.
"""

from __future__ import annotations

import calendar
import logging
import os
import time
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import Files

from herstelnetwerk import outputs, planning, settings

from generated_pages import HandWrittenRecords, add_pages
from preview import Preview, WarningsKept, show_problems
from shared_blocks import SharedBlocks

log = logging.getLogger("mkdocs.hooks.activities")


class _WriteFailureLine(logging.Filter):
    """MkDocs logs a page it could not write in English; ``on_build_error`` says it in Dutch."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Error building page") and "[Errno" in message)


_build_log = logging.getLogger("mkdocs.commands.build")
if not any(type(known).__name__ == _WriteFailureLine.__name__ for known in _build_log.filters):  # serve reloads us
    _build_log.addFilter(_WriteFailureLine())

# A long build logs how far it is every this many pages (INFO: --strict fails on warnings).
PROGRESS_EVERY = 2000
BACKGROUND_FAILED = "De agenda-bestanden of het zoekregister konden niet worden gemaakt"


class Site:
    """The hook's one piece of state: the build under way, and what `mkdocs serve --dirty` keeps between builds."""

    def __init__(self) -> None:
        self.serving = False  # while serving, a build does not wait for its feeds and search index
        self.preview = Preview()
        self.shared_blocks = SharedBlocks()
        self.outputs: outputs.OutputsRun | None = None  # while serving, the last build's may still run
        self.hand_written = HandWrittenRecords()
        self._plan: planning.SitePlan | None = None
        self.pages: dict[str, planning.PlannedPage] = {}  # by source path
        self.views: dict[str, planning.View] = {}  # made ahead while serving dirty: they tell which pages changed
        self.site_dir: Path | None = None  # where this build writes
        self.publishing = False  # an ordinary build: made beside the site, then swapped in (``outputs.publishing``)
        self.publication: outputs.Publication | None = None
        self.complete = False  # the build's pages, feeds and search index are all written
        self.problem: str | None = None  # why the last build failed, in Dutch, for the preview to show
        self.warnings = WarningsKept()  # while serving: the build's warnings, which fail it with --strict
        self.started = 0.0
        self.rendered = self.total = 0  # pages, for the progress lines

    @property
    def plan(self) -> planning.SitePlan:
        assert self._plan is not None, "on_config plans the site before any other event needs it"
        return self._plan

    def on_startup(self, command, dirty):
        self.serving = command == "serve"
        self.preview.active = self.serving and dirty
        # Serving builds into a folder of its own; --dirty means "write into the site as it is";
        # gh-deploy pushes the folder it built before the build is over. (`serve --clean` says
        # "build" here: ``on_serve`` stops publishing once it knows.)
        self.publishing = command == "build" and not dirty

    def on_config(self, config):
        self.started, self.problem = time.perf_counter(), None
        if self.serving:
            self.warnings.attach()
        base = Path(config.config_file_path).parent.resolve()
        try:
            chosen = settings.read_settings(
                base, default_folder=config.extra.get("activities", settings.DEFAULT_FOLDER)
            )
            # The same content and build date give the same bytes: MkDocs dates pages and the
            # sitemap (and its gzip header) with SOURCE_DATE_EPOCH when set, else with today.
            os.environ.setdefault("SOURCE_DATE_EPOCH", str(calendar.timegm(chosen.build_date.timetuple())))
            self._plan = planning.load_site(chosen, base, self.preview.parsed if self.preview.active else None)
        except settings.SettingsError as error:
            raise PluginError(str(error)) from None
        except planning.ContentError as error:
            raise PluginError(error.summary()) from None
        for warning in self.plan.warnings:
            log.info(warning)
        self.pages, self.views, self.complete = {}, {}, False
        if self.publishing:
            self.publication = outputs.Publication(Path(config.site_dir))
            try:
                config.site_dir = str(self.publication.begin())
            except outputs.PublicationError as error:
                self.publication = None
                raise PluginError(str(error)) from None
        self.site_dir = Path(config.site_dir)
        # The theme prints the site's name into text and attributes as it is: it must be HTML already.
        # As Markup it is not escaped twice where the theme escapes it (``| e``) or in our templates.
        config.site_name, config.site_url = escape(self.plan.name), self.plan.site_url
        # Pages without a description of their own (and shared links of them) say what the network is.
        config.site_description = escape(self.plan.data.network.tagline or self.plan.name)
        config.extra["share"] = self.plan.share
        # The network's own logo and favicon, which ``on_files`` adds from its content folder
        # (without them: no logo, and the theme's neutral favicon).
        if self.plan.logo:
            config.theme["logo"] = self.plan.logo
        if self.plan.favicon:
            config.theme["favicon"] = self.plan.favicon
        config.extra["content_security_policy"] = outputs.PREVIEW_POLICY if self.serving else outputs.POLICY
        self._stop_outputs()
        self.outputs = outputs.OutputsRun(self.site_dir, self.plan)
        return config

    def on_files(self, files: Files, config) -> Files:
        hand_written = [Path(file.abs_src_path) for file in files.documentation_pages() if file.abs_src_path]
        try:
            planning.check_hand_written(hand_written, Path(config.config_file_path).parent)
        except planning.ContentError as error:
            raise PluginError(error.summary()) from None
        self.pages = add_pages(self.plan, files, config)
        if self.preview.active:
            self.views = {uri: planned.make_view() for uri, planned in self.pages.items()}
            custom_dir = Path(config.theme.custom_dir)
            shared = repr((self.plan.data.network, max(p.stat().st_mtime_ns for p in custom_dir.rglob("*"))))
            self.preview.mark_unchanged_pages(files, self.views, shared)
        return files

    def on_nav(self, nav, config, files):
        self.rendered, self.total = 0, len(files.documentation_pages())
        return nav

    def on_env(self, env, config, files):
        # Our own templates escape every value they print, so no content text can
        # become markup; the theme's templates keep the theme's own rules.
        custom_dir = Path(config.theme.custom_dir)
        ours = {path.relative_to(custom_dir).as_posix() for path in custom_dir.rglob("*.html")}
        env.autoescape = lambda name: name in ours
        env.filters["markdown"] = planning.markdown_html
        # Every template stays loaded: a plain dict, as Jinja makes for cache_size=-1, instead of its
        # least-recently-used list, which is kept in order at each of the dozens of includes per page.
        env.cache = {}
        self.shared_blocks.reset(set(self.pages))
        env.globals["shared_block"] = self.shared_blocks
        if self.preview.active:
            env.bytecode_cache = self.preview.templates
        # Every page's Markdown is rendered by now: the hand-written pages' texts are known.
        try:
            self._outputs().send(self.hand_written.records(files, self.pages, self.plan))
        except outputs.BackgroundError as error:
            raise PluginError(f"{BACKGROUND_FAILED}: {error}") from None
        return env

    def on_page_context(self, context, page, config, nav):
        self.rendered += 1
        if self.rendered % PROGRESS_EVERY == 0:
            log.info(f"{self.rendered} van {self.total} pagina's gemaakt")
        planned = self.pages.get(page.file.src_uri)
        if planned is not None:
            known = self.views.get(page.file.src_uri)
            context["view"] = planned.make_view() if known is None else known
        elif page.meta.get("hub"):
            try:
                context["view"] = self.plan.hub_view(page.meta["hub"])
            except ValueError as error:
                raise PluginError(f"{page.file.src_uri}: {error}") from None
        return context

    def on_post_page(self, output, page, config):
        return outputs.fill_policy(output)

    def on_post_template(self, output_content, template_name, config):
        return outputs.fill_policy(output_content)

    def on_post_build(self, config):
        """Wait for the feeds and the search index, and fail the build if they could not be made.

        While serving, the preview does not wait: an edited page shows at once, and
        its feed and the finder catch up a moment later (an edit that comes in
        meanwhile stops them and starts them again).
        """
        if self.serving:
            log.info(
                f"Klaar: {self.rendered} pagina's in {time.perf_counter() - self.started:.1f} s; "
                "agenda-bestanden en zoekregister volgen"
            )
            self._outputs().report_when_done(lambda message: log.warning(f"{BACKGROUND_FAILED}: {message}"))
            return
        try:
            feeds, records = self._outputs().result()
        except outputs.BackgroundError as error:
            raise PluginError(f"{BACKGROUND_FAILED}: {error}") from None
        self.outputs = None  # only now: an interrupted wait still stops the work (``on_shutdown``)
        self.complete = True  # MkDocs may still refuse it (--strict counts the warnings next)
        log.info(
            f"Klaar: {self.plan.summary()}, {self.rendered} pagina's, {feeds} agenda-bestanden, "
            f"{records} zoekresultaten in {time.perf_counter() - self.started:.1f} s"
        )

    def _outputs(self) -> outputs.OutputsRun:
        assert self.outputs is not None, "on_config starts them"
        return self.outputs

    def _stop_outputs(self) -> None:
        """Stop the work of an earlier build (while serving, or after an error), and remove what it left."""
        if self.outputs is not None:
            self.outputs.cancel()
            self.outputs = None
        elif self.site_dir is not None:
            outputs.remove_staging(self.site_dir)

    def on_build_error(self, error):
        """Stop the work beside the build and remove the unfinished site; the previous one stays."""
        self.complete = False
        self.problem = self.warnings.problem(error) if self.serving else str(error)
        kept = self.publication is not None and self.publication.site.exists()
        self._stop_outputs()
        self._finish_publication()
        if isinstance(error, OSError):  # a full disk, a folder nobody may write in: one line, no traceback
            self.problem = f"De site is niet gebouwd: {outputs.write_failure(error)}."
            if kept:
                self.problem += " De vorige site is gebleven."
            raise Abort(self.problem)

    def on_shutdown(self):
        """The build is over: a complete site takes the old one's place, in one step."""
        self._stop_outputs()
        self._finish_publication()

    def _finish_publication(self) -> None:
        publication, self.publication = self.publication, None
        if publication is None:
            return
        if not self.complete:
            publication.abandon()
            return
        try:
            publication.publish()
        except OSError as error:
            publication.abandon()
            raise Abort(
                f"De nieuwe site kon niet op zijn plaats worden gezet: {outputs.write_failure(error)}."
            ) from None

    def on_serve(self, server, config, builder):
        if self.publishing:  # `serve --clean`: its first build goes in place now, the later ones are written there
            self._finish_publication()
            self.publishing, self.serving = False, True
        server.watch(str(self.plan.data.catalog.root))
        show_problems(server, lambda: self.problem)
        return server


_site = Site()
on_startup = _site.on_startup
on_config = _site.on_config
on_files = _site.on_files
on_nav = _site.on_nav
on_env = _site.on_env
on_page_context = _site.on_page_context
on_post_page = _site.on_post_page
on_post_template = _site.on_post_template
on_post_build = _site.on_post_build
on_build_error = _site.on_build_error
on_shutdown = _site.on_shutdown
on_serve = _site.on_serve
