"""``medlint lsp`` end to end: a real LSP client (pytest-lsp) talking to the real command.

Findings come from the tiny ruleset in ``fixtures/lsp/workspace/rules`` (LSP001
'miracle cure', LSP002 'guaranteed results' -> 'typical results', LSP003 a
treatment page must say 'ask your doctor'), so they do not move when the
built-in rules change.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lsp"
SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "medlint", "lsp"],
    server_env={**os.environ, "MEDLINT_DISABLE_PLUGIN_AUTOLOAD": "1"},
)
PAGE = "# Ads\n\nOur 😀 miracle cure works.\nWe offer guaranteed results.\n"
FRONT_MATTER_PAGE = "---\ntitle: Treatment notes\n---\n\n# Notes\n\nOur miracle cure works.\n"
RULES_DOCS = "https://github.com/medlint/medlint/blob/main/docs/rules.md#"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(FIXTURES / "workspace", folder)
    return folder


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    yield
    if lsp_client.capabilities is None:  # the test failed before initialize: shut down cleanly anyway
        await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    await lsp_client.shutdown_session()


async def start(
    client: LanguageClient,
    workspace: Path,
    capabilities: types.ClientCapabilities | None = None,
    options: dict[str, Any] | None = None,
) -> types.InitializeResult:
    uri = from_fs_path(str(workspace))
    assert uri is not None
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities or client_capabilities("neovim@v0.7.0"),
            root_uri=uri,
            workspace_folders=[types.WorkspaceFolder(uri=uri, name="site")],
            initialization_options=options,
        )
    )


def uri_of(workspace: Path, name: str) -> str:
    uri = from_fs_path(str(workspace / name))
    assert uri is not None
    return uri


async def open_page(client: LanguageClient, uri: str, text: str, language: str = "markdown") -> Sequence[Any]:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


async def change_page(client: LanguageClient, uri: str, text: str, version: int) -> Sequence[Any]:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


def by_code(diagnostics: Sequence[types.Diagnostic]) -> dict[str, types.Diagnostic]:
    return {str(diagnostic.code): diagnostic for diagnostic in diagnostics}


def utf16_offset(text: str, position: types.Position) -> int:
    """The client's side of the conversion, written independently of the server's."""
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[: position.line])
    units = 0
    for char in lines[position.line] if position.line < len(lines) else "":
        if units >= position.character:
            break
        units += 2 if ord(char) > 0xFFFF else 1
        offset += 1
    return offset


def apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    spans = [(utf16_offset(text, e.range.start), utf16_offset(text, e.range.end), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


async def actions_at(
    client: LanguageClient, uri: str, rng: types.Range, diagnostics: Sequence[types.Diagnostic] = ()
) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=rng,
            context=types.CodeActionContext(diagnostics=list(diagnostics)),
        )
    )
    return [action for action in result or [] if isinstance(action, types.CodeAction)]


@pytest.mark.asyncio
async def test_initialize_advertises_features_and_utf16(client: LanguageClient, workspace: Path) -> None:
    result = await start(client, workspace)
    capabilities = result.capabilities
    assert result.server_info is not None and result.server_info.name == "medlint"
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    assert capabilities.hover_provider
    assert capabilities.code_action_provider
    sync = capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions) and sync.open_close and sync.save


@pytest.mark.asyncio
async def test_diagnostics_on_open(client: LanguageClient, workspace: Path) -> None:
    await start(client, workspace)
    diagnostics = by_code(await open_page(client, uri_of(workspace, "page.md"), PAGE))
    assert set(diagnostics) == {"LSP001", "LSP002"}
    cure = diagnostics["LSP001"]
    # 'miracle' is code point 6 on its line; the emoji before it is 2 UTF-16 units.
    assert (cure.range.start.line, cure.range.start.character) == (2, 7)
    assert (cure.range.end.line, cure.range.end.character) == (2, 19)
    assert cure.severity == types.DiagnosticSeverity.Error
    assert cure.source == "medlint"
    assert cure.message == "'miracle cure' promises a cure."
    assert cure.code_description is not None
    assert cure.code_description.href == "https://example.org/medlint/LSP001"  # the rule's own link
    swap = diagnostics["LSP002"]
    assert swap.severity == types.DiagnosticSeverity.Warning
    assert swap.code_description is not None
    assert swap.code_description.href == RULES_DOCS + "lsp002"  # no link: the rules reference


@pytest.mark.asyncio
async def test_builtin_rules_without_a_config(client: LanguageClient, tmp_path: Path) -> None:
    """No .medlint.yml: the built-in rulesets run, as with ``medlint check`` (relies on EFF001 'cures')."""
    await start(client, tmp_path)
    diagnostics = await open_page(client, uri_of(tmp_path, "drip.md"), "# Drips\n\nOur drip cures fatigue.\n")
    eff = [diagnostic for diagnostic in diagnostics if diagnostic.code == "EFF001"]
    assert len(eff) == 1
    assert (eff[0].range.start.line, eff[0].range.start.character) == (2, 9)
    assert eff[0].code_description is not None and "eff001" in eff[0].code_description.href.lower()


@pytest.mark.asyncio
async def test_document_finding_sits_on_the_title(client: LanguageClient, workspace: Path) -> None:
    await start(client, workspace)
    diagnostics = by_code(await open_page(client, uri_of(workspace, "notes.md"), FRONT_MATTER_PAGE))
    title = diagnostics["LSP003"]
    assert title.severity == types.DiagnosticSeverity.Information
    assert (title.range.start.line, title.range.start.character) == (1, 7)
    assert (title.range.end.line, title.range.end.character) == (1, 22)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("encoding", "first", "last"),
    [(types.PositionEncodingKind.Utf16, 7, 19), (types.PositionEncodingKind.Utf8, 9, 21),
     (types.PositionEncodingKind.Utf32, 6, 18)],
)  # fmt: skip
async def test_negotiated_position_encoding(
    client: LanguageClient, workspace: Path, encoding: types.PositionEncodingKind, first: int, last: int
) -> None:
    capabilities = types.ClientCapabilities(general=types.GeneralClientCapabilities(position_encodings=[encoding]))
    result = await start(client, workspace, capabilities)
    assert result.capabilities.position_encoding == encoding
    uri = uri_of(workspace, "page.md")
    cure = by_code(await open_page(client, uri, PAGE))["LSP001"]
    assert (cure.range.start.character, cure.range.end.character) == (first, last)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=cure.range.end)
    )
    assert hover is None  # the end is exclusive, in the client's units too
    inside = types.Position(line=2, character=last - 1)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=inside)
    )
    assert hover is not None and hover.range == cure.range


@pytest.mark.asyncio
async def test_end_of_file_without_newline_and_crlf(client: LanguageClient, workspace: Path) -> None:
    await start(client, workspace)
    diagnostics = await open_page(client, uri_of(workspace, "eof.md"), "Intro\r\n\r\nA miracle cure")
    [cure] = diagnostics
    assert (cure.range.start.line, cure.range.start.character) == (2, 2)
    assert (cure.range.end.line, cure.range.end.character) == (2, 14)


@pytest.mark.asyncio
async def test_quick_fix_applies_the_rewrite(client: LanguageClient, workspace: Path) -> None:
    await start(client, workspace)
    uri = uri_of(workspace, "page.md")
    swap = by_code(await open_page(client, uri, PAGE))["LSP002"]
    actions = await actions_at(client, uri, swap.range, [swap])
    titles = [action.title for action in actions]
    assert titles == [
        "Replace 'guaranteed results' with 'typical results'",
        "Disable LSP002 for this line",
        "Disable LSP002 in this file",
    ]
    fix = actions[0]
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert fix.edit is not None and fix.edit.changes is not None
    fixed = apply(PAGE, fix.edit.changes[uri])
    assert "We offer typical results." in fixed
    assert set(by_code(await change_page(client, uri, fixed, 2))) == {"LSP001"}


@pytest.mark.asyncio
@pytest.mark.parametrize("title", ["Disable LSP001 for this line", "Disable LSP001 in this file"])
async def test_disable_actions_silence_the_rule(client: LanguageClient, workspace: Path, title: str) -> None:
    await start(client, workspace)
    uri = uri_of(workspace, "notes.md")
    cure = by_code(await open_page(client, uri, FRONT_MATTER_PAGE))["LSP001"]
    [action] = [action for action in await actions_at(client, uri, cure.range, [cure]) if action.title == title]
    assert action.edit is not None and action.edit.changes is not None
    edited = apply(FRONT_MATTER_PAGE, action.edit.changes[uri])
    if "line" in title:
        assert "\n<!-- medlint-disable-next-line LSP001 -->\nOur miracle cure works.\n" in edited
    else:  # at the top, but after the front matter
        assert edited.startswith("---\ntitle: Treatment notes\n---\n<!-- medlint-disable-file LSP001 -->\n")
    remaining = by_code(await change_page(client, uri, edited, 2))
    assert set(remaining) == {"LSP003"}  # silenced, and no MED001 'unused directive'


@pytest.mark.asyncio
async def test_unused_directive_can_be_removed(client: LanguageClient, workspace: Path) -> None:
    await start(client, workspace)
    uri = uri_of(workspace, "stale.md")
    text = "# Ads\n\n<!-- medlint-disable-next-line LSP001 -->\nNothing risky here.\n"
    [stale] = await open_page(client, uri, text)
    assert stale.code == "MED001"
    [action] = await actions_at(client, uri, stale.range, [stale])
    assert action.title == "Remove this unused medlint directive"
    assert action.edit is not None and action.edit.changes is not None
    edited = apply(text, action.edit.changes[uri])
    assert edited == "# Ads\n\nNothing risky here.\n"
    assert len(await change_page(client, uri, edited, 2)) == 0


@pytest.mark.asyncio
async def test_disable_in_mdx_uses_mdx_comments(client: LanguageClient, workspace: Path) -> None:
    await start(client, workspace)
    uri = uri_of(workspace, "page.mdx")
    text = "import Box from './box'\n\n# Ads\n\n  Our miracle cure works.\n"
    cure = by_code(await open_page(client, uri, text, "mdx"))["LSP001"]
    actions = await actions_at(client, uri, cure.range)
    [line_action] = [action for action in actions if "line" in action.title]
    assert line_action.edit is not None and line_action.edit.changes is not None
    edited = apply(text, line_action.edit.changes[uri])
    assert "\n  {/* medlint-disable-next-line LSP001 */}\n  Our miracle cure works.\n" in edited
    assert len(await change_page(client, uri, edited, 2)) == 0


@pytest.mark.asyncio
async def test_code_actions_trust_data_not_the_range_sent_back(client: LanguageClient, workspace: Path) -> None:
    """Neovim 0.7 sends diagnostics back with byte columns; the server must still find the finding."""
    await start(client, workspace)
    uri = uri_of(workspace, "page.md")
    cure = by_code(await open_page(client, uri, PAGE))["LSP001"]
    skewed = types.Diagnostic(
        range=types.Range(start=types.Position(line=2, character=9), end=types.Position(line=2, character=21)),
        message=cure.message, code=cure.code, source=cure.source, data=cure.data,
    )  # fmt: skip
    far_away = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
    titles = [action.title for action in await actions_at(client, uri, far_away, [skewed])]
    assert titles == ["Disable LSP001 for this line", "Disable LSP001 in this file"]


@pytest.mark.asyncio
async def test_code_action_at_the_cursor(client: LanguageClient, workspace: Path) -> None:
    await start(client, workspace)
    uri = uri_of(workspace, "page.md")
    await open_page(client, uri, PAGE)
    cursor = types.Position(line=2, character=10)
    titles = [action.title for action in await actions_at(client, uri, types.Range(start=cursor, end=cursor))]
    assert titles == ["Disable LSP001 for this line", "Disable LSP001 in this file"]
    clean = types.Position(line=0, character=2)
    assert await actions_at(client, uri, types.Range(start=clean, end=clean)) == []


@pytest.mark.asyncio
async def test_hover_explains_the_rule(client: LanguageClient, workspace: Path) -> None:
    await start(client, workspace)
    uri = uri_of(workspace, "page.md")
    cure = by_code(await open_page(client, uri, PAGE))["LSP001"]
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=cure.range.start)
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    text = hover.contents.value
    assert "'miracle cure' promises a cure." in text
    assert "A cure claim needs proof that a marketing page rarely has." in text  # why
    assert "Many patients report relief." in text  # instead
    assert "https://example.org/medlint/LSP001" in text
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=3)
        )
    )
    assert nothing is None


@pytest.mark.asyncio
async def test_change_is_debounced_and_close_clears(client: LanguageClient, workspace: Path) -> None:
    await start(client, workspace, options={"debounceMs": 1500})
    uri = uri_of(workspace, "page.md")
    assert len(await open_page(client, uri, PAGE)) == 2
    for version in range(2, 7):  # a burst of keystrokes
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=PAGE[: 10 + version])],
            )
        )
    published = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert published.version == 6  # one lint, of the last text only
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri)))
    cleared = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert cleared.uri == uri and len(cleared.diagnostics) == 0


@pytest.mark.asyncio
async def test_lines_break_only_where_lsp_breaks_them(client: LanguageClient, workspace: Path) -> None:
    """A form feed or U+2028 is not a line break for LSP clients (str.splitlines thinks it is)."""
    result = await start(client, workspace)
    sync = result.capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions) and sync.change == types.TextDocumentSyncKind.Full
    text = "Intro\x0c one\u2028two.\n\nA miracle cure.\n"
    [cure] = await open_page(client, uri_of(workspace, "odd.md"), text)
    assert (cure.range.start.line, cure.range.start.character) == (2, 2)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("name", "language"),
    [("notes.rst", "restructuredtext"), ("script.py", "python")],
)
async def test_unknown_file_types_get_nothing(
    client: LanguageClient, workspace: Path, name: str, language: str
) -> None:
    await start(client, workspace)
    uri = uri_of(workspace, name)
    assert len(await open_page(client, uri, "A miracle cure.\n", language)) == 0
    titles = await actions_at(client, uri, types.Range(start=types.Position(0, 3), end=types.Position(0, 3)))
    assert titles == []


@pytest.mark.asyncio
async def test_untitled_buffer_is_linted_by_language(client: LanguageClient, workspace: Path) -> None:
    await start(client, workspace)
    assert len(await open_page(client, "untitled:Untitled-1", "A miracle cure.\n", "markdown")) == 1
    assert len(await open_page(client, "untitled:Untitled-2", "A miracle cure.\n", "python")) == 0


@pytest.mark.asyncio
async def test_config_change_reloads_rules(client: LanguageClient, workspace: Path) -> None:
    await start(client, workspace)
    uri = uri_of(workspace, "page.md")
    assert set(by_code(await open_page(client, uri, PAGE))) == {"LSP001", "LSP002"}
    config = workspace / ".medlint.yml"
    config.write_text("rulesets: [./rules]\nrules: {LSP001: 'off'}\n", encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri_of(workspace, ".medlint.yml"), type=types.FileChangeType.Changed)]
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert set(by_code(client.diagnostics[uri])) == {"LSP002"}
    config.write_text("rulesets: [./rules]\nrules: {LSP002: 'off'}\n", encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(
        uri=uri_of(workspace, ".medlint.yml"))))  # fmt: skip
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert set(by_code(client.diagnostics[uri])) == {"LSP001"}


@pytest.mark.asyncio
async def test_watchers_are_registered_when_the_client_can(client: LanguageClient, workspace: Path) -> None:
    registrations: list[types.Registration] = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registrations.extend(params.registrations)

    await start(client, workspace, client_capabilities("visual-studio-code"))
    await open_page(client, uri_of(workspace, "page.md"), PAGE)  # by now the registration has arrived
    [registration] = registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    patterns = {watcher["globPattern"] for watcher in registration.register_options["watchers"]}
    assert patterns == {"**/.medlint.yml", "**/.medlint.yaml", "**/pyproject.toml"}


@pytest.mark.asyncio
async def test_config_error_is_shown_and_server_lives_on(client: LanguageClient, workspace: Path) -> None:
    (workspace / ".medlint.yml").write_text("rulesets: [./rules]\nregoin: us\n", encoding="utf-8")
    await start(client, workspace)
    uri = uri_of(workspace, "page.md")
    assert len(await open_page(client, uri, PAGE)) == 0
    [shown] = client.messages
    assert shown.type == types.MessageType.Error
    assert ".medlint.yml:2: unknown key 'regoin' (did you mean \"region\"?)" in shown.message
    (workspace / ".medlint.yml").write_text("rulesets: [./rules]\nregion: us\n", encoding="utf-8")
    assert len(await change_page(client, uri, PAGE, 2)) == 2  # fixed config picked up without a restart


@pytest.mark.asyncio
async def test_lint_failure_is_logged_and_survived(client: LanguageClient, workspace: Path) -> None:
    shutil.copy(FIXTURES / "crashing_plugin.py", workspace)
    (workspace / ".medlint.yml").write_text("rulesets: [./rules]\nplugins: [./crashing_plugin.py]\n", encoding="utf-8")
    await start(client, workspace)
    uri = uri_of(workspace, "page.md")
    assert len(await open_page(client, uri, PAGE)) == 2
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=PAGE + "Explode now.\n")],
        )
    )
    await client.wait_for_notification(types.WINDOW_LOG_MESSAGE)
    assert any("linting" in m.message and "failed" in m.message for m in client.log_messages)
    assert len(await change_page(client, uri, PAGE, 3)) == 2  # still serving


@pytest.mark.asyncio
async def test_requests_outside_the_buffer_are_survived(client: LanguageClient, workspace: Path) -> None:
    await start(client, workspace)
    uri = uri_of(workspace, "page.md")
    await open_page(client, uri, PAGE)
    unopened = types.TextDocumentIdentifier(uri=uri_of(workspace, "never-opened.md"))
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=unopened, position=types.Position(line=99, character=99))
    )
    assert hover is None
    far = types.Position(line=500, character=500)  # past the end: clamped, not a crash
    assert await actions_at(client, uri, types.Range(start=far, end=far)) == []
    assert len(await change_page(client, uri, PAGE, 2)) == 2


def frame(message: dict[str, Any] | bytes) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_frames(data: bytes) -> list[dict[str, Any]]:
    messages = []
    while data:
        header, _, rest = data.partition(b"\r\n\r\n")
        length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
        messages.append(json.loads(rest[:length]))
        data = rest[length:]
    return messages


def test_malformed_messages_are_answered_not_fatal(tmp_path: Path) -> None:
    """Raw bytes on stdin, as a buggy client might send them: bad JSON, bad params, unknown method."""
    page = {"uri": from_fs_path(str(tmp_path / "page.md")), "languageId": "markdown", "version": 1}
    messages = [
        b"{not json",
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": 42}},
        {"jsonrpc": "2.0", "id": 3, "method": "medlint/nonsense", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": page}},  # no text
        {"jsonrpc": "2.0", "id": 4, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    done = subprocess.run(
        [sys.executable, "-m", "medlint", "lsp", "--stdio"], input=b"".join(map(frame, messages)),
        capture_output=True, timeout=120, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0
    answers = {message["id"]: message for message in read_frames(done.stdout) if "id" in message}
    assert answers[1]["result"]["serverInfo"]["name"] == "medlint"
    assert answers[2]["error"]["code"] == -32602  # InvalidParams, not silence
    assert answers[3]["error"]["code"] == -32601  # MethodNotFound
    assert answers[4]["result"] is None  # still alive to shut down cleanly


@pytest.mark.asyncio
async def test_large_buffers(client: LanguageClient, workspace: Path) -> None:
    (workspace / ".medlint.yml").write_text("rulesets: [./rules]\nmax-file-size: 100KB\n", encoding="utf-8")
    await start(client, workspace)
    filler = "Plain words about walking and sleep.\n\n" * 2000  # ~76 KB, under the limit
    uri = uri_of(workspace, "long.md")
    [cure] = await open_page(client, uri, filler + "A 😀 miracle cure.\n")
    assert (cure.range.start.line, cure.range.start.character) == (4000, 5)
    huge = uri_of(workspace, "huge.md")
    assert len(await open_page(client, huge, filler * 2 + "A miracle cure.\n")) == 0
    assert any("over max-file-size" in m.message for m in client.log_messages)


def test_lsp_without_pygls_says_what_to_install() -> None:
    code = (
        "import sys; sys.modules['pygls'] = None; from medlint.cli import main; sys.argv = ['medlint', 'lsp']; main()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.strip() == "medlint lsp needs the lsp extra: pip install 'medlint[lsp]'"
    assert "Traceback" not in done.stderr
