"""medlint's language server (pygls 2.x): the CLI's pipeline on the open buffer.

Each buffer is linted with the :class:`~medlint.api.Linter` of its workspace
folder's config, on open and save at once and on change after a short pause
(typing does not lint every keystroke). Linting runs in a worker thread and a
result is published only if the buffer has not changed meanwhile. A lint
failure is logged and never ends the server; a config or rule error is shown
once as a message naming file:line.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from medlint import __version__
from medlint.api import Linter
from medlint.errors import MedlintError
from medlint.lsp.actions import actions_for
from medlint.lsp.convert import SOURCE, LineIndex, finding_span, normalize_encoding, to_diagnostic
from medlint.lsp.hover import hover_markdown, hover_plaintext
from medlint.lsp.linters import CONFIG_FILE_NAMES, LinterCache, is_config_file
from medlint.models import Finding

logger = logging.getLogger("medlint.lsp")

DEBOUNCE_SECONDS = 0.3
# Buffers without a file name (untitled) are linted as the type their language id names.
LANGUAGE_SUFFIXES = {"markdown": ".md", "mdx": ".mdx", "html": ".html", "plaintext": ".txt"}


@dataclass(frozen=True, slots=True)
class LintResult:
    """What one lint of one buffer version produced."""

    version: int | None
    text: str
    path: str = ""
    findings: tuple[Finding, ...] = ()
    diagnostics: tuple[types.Diagnostic, ...] = ()
    linter: Linter | None = None
    error: MedlintError | None = None
    announce: bool = False
    skipped: str = ""


class MedlintProtocol(LanguageServerProtocol):
    """Answers a request whose params do not parse with an InvalidParams error.

    pygls only logs such a message, so the client would wait for an answer forever.
    """

    def structure_message(self, data: dict[str, Any]) -> Any:
        """Structure one JSON-RPC message; a malformed request gets its error response here."""
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "id" not in data or "method" not in data:
                raise
            logger.warning("malformed %s request answered with an error: %s", data.get("method"), error)
            self._send_response(data["id"], error=error.to_response_error())
            return None

    def handle_message(self, message: Any) -> None:
        """Skip the messages already answered as malformed."""
        if message is not None:
            super().handle_message(message)


class MedlintServer(LanguageServer):
    """A pygls server that keeps a linter per folder and the last lint per buffer."""

    def __init__(self) -> None:
        # Full sync: pygls applies incremental edits on str.splitlines() lines, which
        # disagree with the client's lines at form feeds and U+2028; we lint the whole
        # text on every change anyway.
        super().__init__(
            "medlint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Full,
            protocol_cls=MedlintProtocol,
        )
        self.linters = LinterCache()
        self.results: dict[str, LintResult] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.debounce = DEBOUNCE_SECONDS

    @property
    def encoding(self) -> str:
        """The position encoding negotiated at initialize."""
        return normalize_encoding(self.workspace.position_encoding)

    def folder_for(self, path: str) -> Path:
        """The deepest workspace folder holding ``path`` (its config applies), else its own folder."""
        file = Path(path)
        folders = [Path(p) for p in (to_fs_path(f.uri) for f in self.workspace.folders.values()) if p]
        if self.workspace.root_path:
            folders.append(Path(self.workspace.root_path))
        holding = [folder for folder in folders if file.is_relative_to(folder)]
        return max(holding, key=lambda folder: len(folder.parts)) if holding else file.parent

    def path_of(self, uri: str, language_id: str | None) -> str | None:
        """The file path to lint a buffer as; None when it has none and its language is not ours."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path:
            return path
        suffix = LANGUAGE_SUFFIXES.get(language_id or "")
        if suffix is None:
            return None
        folder = self.workspace.root_path or str(Path.cwd())
        return str(Path(folder) / f"untitled{suffix}")

    def lint(self, text: str, version: int | None, path: str, folder: Path, encoding: str) -> LintResult:
        """Lint one buffer as the file ``path`` (runs in a worker thread; touches no server state)."""
        linter, error, fresh = self.linters.get(folder)
        if linter is None:
            return LintResult(version, text, path, error=error, announce=fresh)
        if not linter.supports(path):
            return LintResult(version, text, path, linter=linter)
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > linter.config.max_file_size:
            skipped = f"{path}: not linted, {size} bytes is over max-file-size ({linter.config.max_file_size})"
            return LintResult(version, text, path, linter=linter, skipped=skipped)
        findings = tuple(linter.lint_text(text, path))
        index = LineIndex(text, encoding)
        diagnostics = tuple(to_diagnostic(finding, index, version) for finding in findings)
        return LintResult(version, text, path, findings, diagnostics, linter)

    async def lint_buffer(self, uri: str) -> LintResult | None:
        """Lint the buffer's current text off the event loop; None when it is closed."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        text, version = document.source, document.version
        path = self.path_of(uri, document.language_id)
        if path is None:
            return LintResult(version, text)
        folder = self.folder_for(path)
        return await asyncio.to_thread(self.lint, text, version, path, folder, self.encoding)

    async def current(self, uri: str) -> LintResult | None:
        """The lint of the buffer as it is now: the last one if still fresh, else a new one."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        last = self.results.get(uri)
        if last is not None and last.version == document.version and last.text == document.source:
            return last
        try:
            return await self.lint_buffer(uri)
        except Exception:
            logger.exception("linting %s failed", uri)
            return None

    def schedule(self, uri: str, delay: float) -> None:
        """(Re)start the lint of ``uri`` after ``delay`` seconds, dropping any pending one."""
        self.cancel(uri)
        self.pending[uri] = asyncio.ensure_future(self._lint_later(uri, delay))

    def cancel(self, uri: str) -> None:
        """Drop the pending lint of ``uri``, if any."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()

    async def _lint_later(self, uri: str, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
            result = await self.lint_buffer(uri)
        except Exception as exc:
            logger.exception("linting %s failed", uri)
            self.log(types.MessageType.Error, f"medlint: linting {uri} failed ({exc!r}); see the server log")
            return
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]
        document = self.workspace.text_documents.get(uri)
        if result is None or document is None or document.version != result.version:
            return  # closed or edited meanwhile: the newer lint publishes
        self.publish(uri, result)

    def publish(self, uri: str, result: LintResult) -> None:
        """Send the result's diagnostics (and any config error or skip notice)."""
        self.results[uri] = result
        if result.error is not None and result.announce:  # once per config state, not per keystroke
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=f"medlint: {result.error}")
            )
            self.log(types.MessageType.Error, f"medlint: {result.error}")
        if result.skipped:
            self.log(types.MessageType.Warning, f"medlint: {result.skipped}")
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=result.version, diagnostics=list(result.diagnostics))
        )

    def clear(self, uri: str) -> None:
        """Forget a closed buffer and clear its diagnostics."""
        self.cancel(uri)
        self.results.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def reload(self) -> None:
        """Config changed: rebuild linters and re-lint every open buffer."""
        logger.info("config changed; reloading rules")
        self.linters.clear()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Log protocol errors (a malformed message) instead of popping up a message box each time."""
        logger.error("%s: %s", getattr(source, "__name__", source), error)
        self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=f"medlint: {error}"))

    def log(self, kind: types.MessageType, message: str) -> None:
        """Write to the client's log (and stderr)."""
        logger.log(logging.ERROR if kind == types.MessageType.Error else logging.INFO, message)
        self.window_log_message(types.LogMessageParams(type=kind, message=message))


def initialize(ls: MedlintServer, params: types.InitializeParams) -> None:
    """Read ``initializationOptions``: ``{"debounceMs": 300}`` sets the pause after typing."""
    options = params.initialization_options
    if isinstance(options, dict):
        value = options.get("debounceMs")
        if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
            ls.debounce = value / 1000


def initialized(ls: MedlintServer, params: types.InitializedParams) -> None:
    """Ask the client to watch config files, when it can register watchers."""
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace else None
    if not (watched and watched.dynamic_registration):
        return
    watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in sorted(CONFIG_FILE_NAMES)]
    registration = types.Registration(
        id="medlint-config-watcher",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
    )
    ls.client_register_capability(types.RegistrationParams(registrations=[registration]), callback=_registered)


def _registered(result: Any) -> None:
    if isinstance(result, Exception):
        logger.warning("the client did not accept the config file watcher: %s", result)


def did_open(ls: MedlintServer, params: types.DidOpenTextDocumentParams) -> None:
    """Lint a buffer as soon as it opens."""
    ls.schedule(params.text_document.uri, 0)


def did_change(ls: MedlintServer, params: types.DidChangeTextDocumentParams) -> None:
    """Lint after the writer pauses (pygls has already applied the change)."""
    ls.schedule(params.text_document.uri, ls.debounce)


def did_save(ls: MedlintServer, params: types.DidSaveTextDocumentParams) -> None:
    """Lint on save; saving a config file reloads every linter."""
    path = to_fs_path(params.text_document.uri)
    if path and is_config_file(path):
        ls.reload()
    elif params.text_document.uri in ls.workspace.text_documents:
        ls.schedule(params.text_document.uri, 0)


def did_close(ls: MedlintServer, params: types.DidCloseTextDocumentParams) -> None:
    """Clear a closed buffer's diagnostics."""
    ls.clear(params.text_document.uri)


def did_change_watched_files(ls: MedlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    """A watched config file was created, changed or deleted: reload."""
    if any(is_config_file(to_fs_path(change.uri) or "") for change in params.changes):
        ls.reload()


async def code_action(ls: MedlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """Quick fixes for the findings in the requested range (or named by the client's diagnostics)."""
    only = params.context.only
    if only and not any(str(kind).startswith(types.CodeActionKind.QuickFix.value) for kind in only):
        return []
    uri = params.text_document.uri
    result = await ls.current(uri)
    if result is None or result.linter is None or not result.findings:
        return []
    index = LineIndex(result.text, ls.encoding)
    start, end = index.offset(params.range.start), index.offset(params.range.end)
    named = _named_findings(params.context.diagnostics)
    chosen = [
        finding
        for finding in result.findings
        if _overlaps(finding_span(finding, index), start, end) or _key(finding) in named
    ]
    if not chosen:
        return []
    doctype = result.linter.parse(result.text, result.path).doctype
    return _code_actions(chosen, result, doctype, index, uri)


def _code_actions(
    findings: list[Finding], result: LintResult, doctype: str, index: LineIndex, uri: str
) -> list[types.CodeAction]:
    seen: set[tuple[str, int, int, str]] = set()
    actions: list[types.CodeAction] = []
    for finding in findings:
        diagnostic = to_diagnostic(finding, index, result.version)
        for action in actions_for(finding, result.text, doctype):
            key = (action.title, action.change.start, action.change.end, action.change.text)
            if key in seen:
                continue
            seen.add(key)
            edit = types.WorkspaceEdit(changes={uri: [index.text_edit(action.change)]})
            actions.append(
                types.CodeAction(
                    title=action.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=action.preferred or None,
                    edit=edit,
                )
            )
    return actions


def _named_findings(diagnostics: Sequence[types.Diagnostic]) -> set[tuple[str, int, int]]:
    named: set[tuple[str, int, int]] = set()
    for diagnostic in diagnostics:
        data = diagnostic.data
        if diagnostic.source != SOURCE or not isinstance(data, dict):
            continue
        rule, start, end = data.get("rule"), data.get("offset"), data.get("end_offset")
        if isinstance(rule, str) and isinstance(start, int) and isinstance(end, int):
            named.add((rule, start, end))
    return named


def _key(finding: Finding) -> tuple[str, int, int]:
    return finding.rule, finding.offset, finding.end_offset


def _overlaps(span: tuple[int, int], start: int, end: int) -> bool:
    return span[0] <= end and start <= span[1]


async def hover(ls: MedlintServer, params: types.HoverParams) -> types.Hover | None:
    """The explanation of the rules flagged under the cursor."""
    result = await ls.current(params.text_document.uri)
    if result is None or result.linter is None:
        return None
    index = LineIndex(result.text, ls.encoding)
    offset = index.offset(params.position)
    spans = [(finding, finding_span(finding, index)) for finding in result.findings]
    found = [(finding, span) for finding, span in spans if span[0] <= offset < span[1] or span[0] == offset]
    if not found:
        return None
    findings = [finding for finding, _span in found]
    rules = {rule.id: rule for rule in result.linter.rules}
    if _markdown_hover(ls):
        contents = types.MarkupContent(kind=types.MarkupKind.Markdown, value=hover_markdown(findings, rules))
    else:
        contents = types.MarkupContent(kind=types.MarkupKind.PlainText, value=hover_plaintext(findings, rules))
    return types.Hover(contents=contents, range=index.range(*found[0][1]))


def _markdown_hover(ls: MedlintServer) -> bool:
    document = ls.client_capabilities.text_document
    formats = document.hover.content_format if document and document.hover else None
    return not formats or types.MarkupKind.Markdown in formats


def create_server() -> MedlintServer:
    """A server with every medlint feature registered."""
    server = MedlintServer()
    server.feature(types.INITIALIZE)(initialize)
    server.feature(types.INITIALIZED)(initialized)
    server.feature(types.TEXT_DOCUMENT_DID_OPEN)(did_open)
    server.feature(types.TEXT_DOCUMENT_DID_CHANGE)(did_change)
    server.feature(types.TEXT_DOCUMENT_DID_SAVE)(did_save)
    server.feature(types.TEXT_DOCUMENT_DID_CLOSE)(did_close)
    server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)(did_change_watched_files)
    server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )(code_action)
    server.feature(types.TEXT_DOCUMENT_HOVER)(hover)
    return server


def serve() -> None:
    """Run the server on stdin/stdout until the client says exit.

    ``sys.stdout`` is pointed at stderr first, so a stray ``print`` in a plugin
    cannot corrupt the protocol stream.
    """
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="medlint-lsp %(levelname)s: %(message)s")
    logger.setLevel(logging.INFO)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr
    create_server().start_io(stdin, stdout)
