"""No English in code: what a user reads in chat comes from the catalog, whole.

An AST scan of ``diarybot/bot`` and ``diarybot/runtime`` finds no string literal with letters
that reaches a user, no text glued together with ``+``, ``+=`` or an f-string, and no date or
decimal formatted in code. "Reaches a user": an argument of a call that sends, edits or labels
a button, or fills a text's placeholders (``.format``), followed through local names and through
what the helpers it calls return, in its own module or in another module of the bot. Callback
data, file names, log messages and typed command words compared in code are not read as words.
The text modules themselves build no words in code either. (The catalog side, whole messages
and plural forms, is tests/unit/test_texts_gettext.py.)
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

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
