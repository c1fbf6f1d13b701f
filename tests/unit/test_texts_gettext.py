"""Every word a user reads in chat is one whole message of the catalog, plural by count.

(a) No English in code: an AST scan of ``diarybot/bot`` and ``diarybot/runtime`` finds no string
    literal with letters that reaches a user, no text glued together with ``+``, ``+=`` or an
    f-string, and no date or decimal formatted in code. "Reaches a user": an argument of a call
    that sends, edits or labels a button, or fills a text's placeholders (``.format``), followed
    through local names and through what the module's own helpers return. Callback data, file
    names, log messages and typed command words compared in code are not read as words.
(b) Whole messages: under a pseudo catalog that marks every message, the chat texts come out
    marked from their first character to their last, with every placeholder filled.
(c) Plural forms: the form is chosen by the count (English 1 vs many; Russian has three).
"""

from __future__ import annotations

import ast
import functools
import gettext
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural

from diarybot import texts
from diarybot.domain.crisis_lines import CrisisHelp, CrisisLine
from diarybot.domain.crisis_matching import Concern
from diarybot.domain.entries import Entry, Source, Technique
from diarybot.domain.exercises import PracticeFigures
from diarybot.domain.medications import Medication, Use
from diarybot.domain.people import Profile
from diarybot.texts import erasure, guided, i18n, safety, words
from diarybot.texts import medications as med_texts
from diarybot.texts import specialist as st
from tests.support.pseudo_translations import CLOSE, OPEN, WholeMessages, use, whole_message

ROOT = Path(__file__).resolve().parents[2]
SCANNED = [ROOT / "diarybot" / "bot", ROOT / "diarybot" / "runtime"]

# -- (a) the AST scan ------------------------------------------------------------------------
#: Calls whose arguments a user reads: sending, editing, buttons, and filling a text's
#: placeholders (``.format``). A name passed to them is followed to its assignments.
SINKS = frozenset(
    {
        "reply",
        "edit",
        "send_message",
        "edit_message_text",
        "edit_message_caption",
        "send_photo",
        "send_document",
        "answer",
        "InlineKeyboardButton",
        "BotCommand",
        "single_button",
        "confirm_keyboard",
        "buttons_keyboard",
        "paged_people_keyboard",
        "format",
    }
)
#: Keyword arguments a user never reads as words: button payloads, file names, ids.
NOT_READ = frozenset(
    {"callback_data", "filename", "chat_id", "message_id", "pattern", "parse_mode"}
)
LETTER = re.compile(r"[^\W\d_]")
URL = re.compile(r"^[a-z][a-z0-9+.-]*://")


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


class _Scan:
    """Walks what reaches a user from one function and collects literals and glued texts."""

    def __init__(
        self,
        module: _Module,
        function: ast.AST,
        entered: set[tuple[Path, str]] | None = None,
    ) -> None:
        self.module = module
        self.path = module.shown
        self.texts_names = module.texts_names
        self.entered = entered if entered is not None else set()
        self.assigned: dict[str, list[ast.expr]] = {}
        for node in ast.walk(function):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    # `text, markup = page(...)`: each name may carry what the call returns.
                    names = target.elts if isinstance(target, ast.Tuple) else [target]
                    for name in names:
                        if isinstance(name, ast.Name):
                            self.assigned.setdefault(name.id, []).append(node.value)
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                # `text += more` glues `more` onto `text`, as `text + more` would.
                glued = ast.BinOp(left=node.target, op=node.op, right=node.value)
                ast.copy_location(glued, node)
                self.assigned.setdefault(node.target.id, []).append(glued)
            elif (
                isinstance(node, ast.AnnAssign)
                and node.value is not None
                and isinstance(node.target, ast.Name)
            ):
                self.assigned.setdefault(node.target.id, []).append(node.value)
        self.followed: set[str] = set()
        self.found: list[str] = []

    def returned(self, call: ast.Call) -> None:
        """What a helper returns into a user-facing call is words too: one of the same module,
        or of another module of the bot (``checkin_keyboards.entry_keyboard(entry)``)."""
        helper = self.module.helper(call)
        if helper is None or (helper[0].path, helper[1]) in self.entered:
            return
        module, name = helper
        self.entered.add((module.path, name))
        function = module.functions[name]
        inner = _Scan(module, function, self.entered)
        for value in _returns(function):
            inner.expr(value)
        self.found += inner.found

    def where(self, node: ast.AST, what: str) -> None:
        self.found.append(f"{self.path}:{getattr(node, 'lineno', '?')}: {what}")

    def call(self, call: ast.Call) -> None:
        """A user-facing call: everything it is given, except payloads and ids."""
        if _call_name(call) == "format":
            self.expr(call.func)
        for arg in call.args:
            self.expr(arg)
        for keyword in call.keywords:
            if keyword.arg not in NOT_READ:
                self.expr(keyword.value)

    def expr(self, node: ast.AST) -> None:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str) and LETTER.search(node.value):
                self.where(node, f"English literal {node.value!r}")
        elif isinstance(node, ast.JoinedStr):
            first = node.values[0] if node.values else None
            if isinstance(first, ast.Constant) and URL.match(str(first.value)):
                return  # a link: letters, but no words
            parts = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
            if any(_makes_text(part, self.texts_names) for part in parts):
                self.where(node, "text glued in an f-string")
            for value in node.values:
                if isinstance(value, ast.FormattedValue) and _localised_spec(value.format_spec):
                    self.where(node, "a date or number formatted in code, not by Babel")
                self.expr(value.value if isinstance(value, ast.FormattedValue) else value)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            if _makes_text(node, self.texts_names):
                self.where(node, "text glued with +")
            self.expr(node.left)
            self.expr(node.right)
        elif isinstance(node, ast.Attribute):
            if not isinstance(node.value, ast.Name):
                self.expr(node.value)  # a text's .format; an object's field is not words
        elif isinstance(node, ast.Name):
            if node.id not in self.followed:
                self.followed.add(node.id)
                for value in self.assigned.get(node.id, []):
                    self.expr(value)
        elif isinstance(node, ast.Call):
            if _call_name(node) in SINKS:
                self.call(node)
            else:
                self.returned(node)
                self.expr(node.func)
                if _makes_text(node, self.texts_names):
                    # A text's own arguments are words; a codec name or a separator given to
                    # any other call (``encode("utf-16-le")``, ``split(":")``) is not.
                    for arg in node.args:
                        self.expr(arg)
                    for keyword in node.keywords:
                        if keyword.arg not in NOT_READ:
                            self.expr(keyword.value)
        elif isinstance(node, ast.IfExp):
            self.expr(node.body)  # the test is code, not words
            self.expr(node.orelse)
        elif isinstance(node, ast.Subscript):
            self.expr(node.value)  # the key is code, not words
        elif isinstance(node, ast.Dict):
            for value in node.values:
                self.expr(value)  # keys name placeholders
        elif isinstance(node, ast.Compare | ast.Lambda):
            return  # typed command words compared; a lambda's body is scanned where it runs
        else:
            for child in ast.iter_child_nodes(node):
                self.expr(child)


def text_modules(tree: ast.Module) -> frozenset[str]:
    """The names a module imports from ``diarybot.texts`` (``texts``, ``st``, ``words``…)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module is not None:
            from_texts = node.module == "diarybot.texts" or node.module.startswith(
                "diarybot.texts."
            )
            for alias in node.names:
                if from_texts or (node.module == "diarybot" and alias.name == "texts"):
                    names.add(alias.asname or alias.name)
    return frozenset(names)


def _localised_spec(spec: ast.expr | None) -> bool:
    """A strftime pattern ("%d %b") or a decimal (".1f"): languages write these differently
    (month names, decimal commas). A zero-padded id (``010x``) is no one's language."""
    if not isinstance(spec, ast.JoinedStr):
        return False
    text = "".join(str(v.value) for v in spec.values if isinstance(v, ast.Constant))
    return "%" in text or text[-1:] in ("f", "F", "e", "E", "g", "G")


def _returns(function: ast.AST) -> Iterator[ast.expr]:
    """What `function` itself returns (a nested function's returns are its own)."""
    body = function.body if isinstance(function.body, list) else [function.body]
    todo: list[ast.AST] = list(body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Return) and node.value is not None:
            yield node.value
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            todo += ast.iter_child_nodes(node)


def _root(node: ast.expr) -> str:
    while isinstance(node, ast.Attribute | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def _makes_text(node: ast.expr, texts_names: frozenset[str]) -> bool:
    """Words: a string literal with letters, or a call of a text (``texts.x()``,
    ``….format()``, ``….join()``); not ``page + 1``, nor an ellipsis after a cut note."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(LETTER.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(
            _makes_text(v.value if isinstance(v, ast.FormattedValue) else v, texts_names)
            for v in node.values
        )
    if isinstance(node, ast.BinOp):
        return _makes_text(node.left, texts_names) or _makes_text(node.right, texts_names)
    if isinstance(node, ast.IfExp):
        return _makes_text(node.body, texts_names) or _makes_text(node.orelse, texts_names)
    if isinstance(node, ast.Subscript):
        return _makes_text(node.value, texts_names)
    if not isinstance(node, ast.Call):
        return False
    if isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
        return True
    return _root(node.func) in texts_names


def _functions(tree: ast.Module) -> Iterator[ast.AST]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield node


#: The packages whose helpers the scan follows into (their modules are scanned as well).
FOLLOWED = ("diarybot.bot", "diarybot.runtime")


class _Module:
    """One scanned module: its functions, and where the helpers it calls are defined."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path, self.root = path, root
        self.shown = path.relative_to(root)
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.texts_names = text_modules(self.tree)
        self.functions: dict[str, ast.AST] = {
            node.name: node
            for node in self.tree.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        # name -> module file: `from diarybot.bot import checkin_keyboards` (a module) and
        # `from diarybot.bot.checkin_keyboards import entry_keyboard` (one of its functions).
        self.modules: dict[str, Path] = {}
        self.imported: dict[str, Path] = {}
        for node in self.tree.body:
            if isinstance(node, ast.ImportFrom) and node.module is not None:
                for alias in node.names:
                    self._note_import(node.module, alias.name, alias.asname or alias.name)

    def _note_import(self, module: str, name: str, local: str) -> None:
        folder = self.root.joinpath(*module.split("."))
        if module in FOLLOWED and (folder / f"{name}.py").is_file():
            self.modules[local] = folder / f"{name}.py"
        elif module.rpartition(".")[0] in FOLLOWED and folder.with_suffix(".py").is_file():
            self.imported[local] = folder.with_suffix(".py")

    def helper(self, call: ast.Call) -> tuple[_Module, str] | None:
        """The function `call` runs, if it is one of ours that the scan can read."""
        func = call.func
        if isinstance(func, ast.Name):
            if func.id in self.functions:
                return self, func.id
            where = self.imported.get(func.id)
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            where = self.modules.get(func.value.id)
        else:
            return None
        name = func.id if isinstance(func, ast.Name) else func.attr
        other = _module(where, self.root) if where is not None else None
        return (other, name) if other is not None and name in other.functions else None


@functools.cache
def _module(path: Path, root: Path) -> _Module:
    return _Module(path, root)


def scan(path: Path, shown_as: Path = ROOT) -> list[str]:
    """What in `path` puts words of its own in front of a user."""
    module = _module(path, shown_as)
    found: list[str] = []
    for function in _functions(module.tree):
        walker = _Scan(module, function)
        body = function.body if isinstance(function.body, list) else [function.body]
        for node in [n for statement in body for n in ast.walk(statement)]:
            if isinstance(node, ast.Call) and _call_name(node) in SINKS:
                walker.call(node)
        found += walker.found
    return sorted(set(found))


def test_no_english_literal_or_glued_text_reaches_a_user_from_bot_or_runtime():
    found = [
        line for folder in SCANNED for path in sorted(folder.rglob("*.py")) for line in scan(path)
    ]
    assert found == []


def test_the_scan_sees_literals_glued_texts_and_dates_formatted_in_code(tmp_path):
    (tmp_path / "sample.py").write_text(
        "from diarybot import texts\n"
        "async def handler(update, flag, at, n):\n"
        "    state = 'on' if flag else 'off'\n"
        "    await reply(update, texts.usage().format(state=state))\n"
        "    await reply(update, texts.a() + texts.b())\n"
        "    await reply(update, f'{texts.a()}!')\n"
        "    await reply(update, texts.when().format(day=f'{at:%d %b}', n=n + 1))\n"
        "    text, markup = page(n)\n"
        "    await reply(update, text, reply_markup=markup)\n"
        "    await reply(update, texts.x().format(id=f'{n:010x}', data=n.encode('utf-8')))\n"
        "    await reply(update, texts.ok(), reply_markup=k(callback_data=f'add:{n}'))\n"
        "    logger.info('Not for a user: %s', 'log words')\n"
        "def page(n):\n"
        "    text = texts.head()\n"
        "    text += texts.more()\n"
        "    return text, None\n",
        encoding="utf-8",
    )
    found = [line.split(": ", 1)[1] for line in scan(tmp_path / "sample.py", tmp_path)]
    assert sorted(found) == [
        "English literal 'off'",
        "English literal 'on'",
        "a date or number formatted in code, not by Babel",
        "text glued in an f-string",
        "text glued with +",
        "text glued with +",
    ]


def test_the_scan_follows_helpers_into_other_modules_of_the_bot(tmp_path):
    """A text glued in another module's helper is found where it is glued; a nested function's
    callback data (a date in code is fine there) is not taken for what the helper returns."""
    bot = tmp_path / "diarybot" / "bot"
    bot.mkdir(parents=True)
    (bot / "handler.py").write_text(
        "from diarybot.bot import kb\n"
        "from diarybot.bot.kb import label\n"
        "async def handler(update, n, day):\n"
        "    await reply(update, kb.title(), reply_markup=kb.days(day))\n"
        "    await reply(update, label(n))\n",
        encoding="utf-8",
    )
    (bot / "kb.py").write_text(
        "from diarybot import texts\n"
        "def title():\n"
        "    return texts.a() + texts.b()\n"
        "def label(n):\n"
        "    return 'Hello'\n"
        "def days(day):\n"
        "    def data(d):\n"
        "        return f'd:{d:%Y%m%d}'\n"
        "    return markup(data(day))\n",
        encoding="utf-8",
    )
    assert scan(bot / "handler.py", tmp_path) == [
        "diarybot/bot/kb.py:3: text glued with +",
        "diarybot/bot/kb.py:5: English literal 'Hello'",
    ]


#: Every text module: a text moved to a new module stays under the check.
CHAT_TEXTS = sorted((ROOT / "diarybot" / "texts").glob("*.py"))


def _raised(tree: ast.Module) -> set[ast.AST]:
    """What an exception carries is for the developer reading a traceback, not for a user."""
    return {
        inner for node in ast.walk(tree) if isinstance(node, ast.Raise) for inner in ast.walk(node)
    }


def test_chat_text_modules_build_no_words_in_code():
    """Words only inside _() / ngettext() / pgettext(): no f-string with words, no month or
    weekday names from strftime (a 24-hour "%H:%M" has none)."""
    found = []
    assert len(CHAT_TEXTS) > 30  # the glob found the package
    for path in CHAT_TEXTS:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in set(ast.walk(tree)) - _raised(tree):
            where = f"{path.name}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.JoinedStr) and any(
                isinstance(v, ast.Constant) and LETTER.search(str(v.value)) for v in node.values
            ):
                found.append(f"{where}: f-string with words")
            if isinstance(node, ast.Call) and _call_name(node) == "strftime":
                pattern = node.args[0] if node.args else None
                if not (isinstance(pattern, ast.Constant) and pattern.value == "%H:%M"):
                    found.append(f"{where}: strftime instead of Babel")
    assert found == []


# -- (b) whole messages under a pseudo catalog -------------------------------------------------
AT = datetime(2026, 12, 2, 20, 15, tzinfo=UTC)


def _entry(**changes: object) -> Entry:
    entry = Entry(
        id="e1",
        recorded_at=AT,
        local_date=AT.date(),
        score=6,
        techniques=(Technique.BREATHING, Technique.HEAT_COLD),
        techniques_answered=True,
        note="knee bad again",
        source=Source.CHECKIN,
    )
    return entry.replace(**changes) if changes else entry


def _whole(text: str) -> bool:
    """One message from its first character to its last (other messages only inside it, as
    placeholder values), every placeholder filled."""
    if not (text.startswith(OPEN) and text.endswith(CLOSE)) or re.search(r"\{\w*\}", text):
        return False
    depth = 0
    for found in re.finditer(f"{re.escape(OPEN)}|{re.escape(CLOSE)}", text):
        depth += 1 if found.group() == OPEN else -1
        if depth == 0 and found.end() != len(text):
            return False  # the first message closed before the text ended: glued
    return depth == 0


def _chat_texts() -> dict[str, str]:
    profile = Profile(1, 1, timezone="Europe/Berlin", paused=True, reminder_time=time(20))
    day, last = date(2026, 12, 1), date(2026, 12, 2)
    return {
        "reminder": texts.reminder(),
        "entry line": texts.entry_line(_entry(), AT),
        "entry line, note only": texts.entry_line(_entry(score=None, techniques=()), AT),
        "settings": texts.settings_text(profile, 12),
        "unknown zone": texts.timezone_unknown_suggest().format(text="berlin"),
        "summary and note question": texts.checkin_summary_ask_note().format(
            score=6, techniques=texts.technique_list(_entry())
        ),
        "toggle": texts.toggle_label(texts.technique_names()[Technique.TENS], ticked=True),
        "chart caption": texts.chart_caption(7).format(
            start=texts.short_date(day),
            end=texts.short_date(last),
            mean="5.5",
            worst=7,
            logged=2,
            days=7,
        ),
        "weekly usage": texts.weekly_usage_off(),
        "first PEG question": texts.peg_first_question().format(
            n=1, total=3, question="q", anchors="a"
        ),
        "flare": texts.flare_notice_helped().format(reason="r", techniques="t"),
        "sharing, waiting": texts.sharing_pending().format(who="Dr Roe"),
        "backdated with note": words.backdated_saved_with_note().format(
            day=texts.short_date(day), time="20:00", score=7, preview="tired"
        ),
        "history page": words.history_page(12).format(first=1, last=5, total=12),
        "long note": words.note_continued(3).format(count=3),
        "everything sent": erasure.everything_sent(40).format(
            count=40, first=texts.short_date(day), last=texts.short_date(last)
        ),
        "export hint": erasure.export_all_hint(30).format(days=30),
        "medication": med_texts.detail_text(Medication("m1", "ibuprofen", Use.AS_NEEDED, day)),
        "medication stopped": med_texts.stopped().format(
            name="ibuprofen", day=med_texts.day_text(day)
        ),
        "doses": med_texts.doses_text(2),
        "report details": st.report_details_set_with_reference().format(
            name="Anna", reference="1970-01-01"
        ),
        "patients": st.patients_list().format(
            heading=st.patients_header(2).format(count=2),
            lines=st.patient_line().format(name="Anna"),
        ),
        "summary, nothing logged": st.summary_empty_last_logged(30).format(
            name="Anna", start="a", end="b", days=30, day=texts.short_date(day)
        ),
        "help, patient": st.help_for(patient=True, specialist=False),
        "help, specialist": st.help_for(patient=False, specialist=True),
        "alerts": texts.flare_alert_unnamed().format(reason="r"),
    }


def test_chat_texts_are_whole_messages_with_placeholders_filled(monkeypatch):
    use(monkeypatch, WholeMessages)
    made = _chat_texts()
    broken = {name: text for name, text in made.items() if not _whole(text)}
    assert broken == {}


def test_the_whole_message_check_sees_a_glued_fragment(monkeypatch):
    use(monkeypatch, WholeMessages)
    glued = texts.undo_done() + texts.undo_kept()
    ahead = "(paused)" + texts.undo_kept()
    inside = texts.undo_confirm().format(entry=texts.undo_kept())
    unfilled = texts.undo_confirm()
    assert not _whole(glued)
    assert not _whole(ahead)
    assert _whole(inside)
    assert not _whole(unfilled)


def test_paragraph_and_list_texts_are_whole_in_each_part(monkeypatch):
    line = CrisisLine("Line 1", ("111", "222"), free=True)
    help_ = CrisisHelp(None, line, ("15", "112"), "Find A Helpline", "https://findahelpline.com")
    figures = [
        PracticeFigures(Technique.BREATHING, sessions=1, completed=1, rated=0, mean_change=None),
        PracticeFigures(Technique.RELAXATION, sessions=4, completed=4, rated=4, mean_change=-1.5),
        PracticeFigures(Technique.BREATHING, sessions=2, completed=2, rated=1, mean_change=None),
    ]
    medications = (
        Medication("m1", "ibuprofen", Use.AS_NEEDED, date(2026, 11, 1)),
        Medication("m2", "pregabalin", Use.REGULAR, date(2026, 11, 1), date(2026, 11, 20)),
    )
    use(monkeypatch, WholeMessages)
    crisis = safety.crisis_reply(
        frozenset({Concern.SELF_HARM, Concern.MEDICAL_EMERGENCY}), help_, as_note=True
    )
    practice = guided.practice_lines(figures)
    med_list = med_texts.list_text(medications).split("\n")
    assert all(_whole(paragraph) for paragraph in crisis.split("\n\n"))
    assert all(_whole(line) for line in practice)
    assert whole_message("• {technique}: {sessions}").split("{")[0] in practice[0]
    assert all(_whole(line) for line in med_list if line)


def test_dates_in_chat_follow_the_language(monkeypatch):
    day = date(2026, 12, 1)
    use(monkeypatch, WholeMessages)
    english = texts.short_date(day)
    with i18n.speaking("de"):
        german = texts.short_date(day)
        line = texts.entry_line(_entry(), AT)
    assert english == "Dec 1, 2026"
    assert german == "01.12.2026"
    assert "Mi., 2. Dez." in line


# -- (c) plural forms chosen by the count ------------------------------------------------------
def test_english_plural_forms_follow_the_count():
    assert med_texts.doses_text(1) == "1 dose"
    assert med_texts.doses_text(2) == "2 doses"
    assert med_texts.days_text(1) == "1 day"
    assert words.note_continued(1) != words.note_continued(2)
    assert "{count} consecutive notes" in words.note_continued(2)
    assert "of {days} day logged" in texts.chart_caption(1)
    assert "of {days} days logged" in texts.chart_caption(7)
    assert guided.practice_sessions(1).format(count=1) == "1 session"
    assert "all {count} of your entries" in erasure.everything_sent(2)


def _russian_catalog(
    msgid: tuple[str, str], forms: tuple[str, str, str]
) -> gettext.NullTranslations:
    """A compiled Russian catalog of one plural message (Russian: one, few, many)."""
    catalog = Catalog(locale="ru")
    catalog.add(msgid, forms)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@pytest.mark.parametrize(("count", "form"), [(1, "one"), (3, "few"), (5, "many"), (21, "one")])
def test_russian_plural_form_is_chosen_by_the_count(monkeypatch, count, form):
    assert get_plural("ru").num_plurals == 3
    catalog = _russian_catalog(
        ("{count} dose", "{count} doses"), ("{count} one", "{count} few", "{count} many")
    )
    monkeypatch.setattr(i18n, "translations", lambda _language: catalog)
    assert med_texts.doses_text(count) == f"{count} {form}"
