"""Every rule that turns a wire name into a Python name lives here, and only here.

The parser calls these functions once per name and stores the result in the IR, so templates
never re-case anything. All functions are pure apart from the `taken` sets, which callers pass
in declaration order so that collision suffixes are deterministic across runs.

Generated output must be byte-stable across machines and Python versions, so nothing here may
depend on the running interpreter: the builtin names are a fixed list, not `dir(builtins)`.
"""

from __future__ import annotations

import functools
import json
import keyword
import re
import unicodedata

__all__ = [
    "AMBIGUOUS",
    "PYTHON_BUILTINS",
    "SHADOWED_MODULES",
    "RESERVED_ATTRIBUTES",
    "RESERVED_CLASS_NAMES",
    "RESERVED_PARAMETERS",
    "attribute_name",
    "class_name",
    "enum_member_name",
    "function_name",
    "is_valid_package_name",
    "json_path_segment",
    "module_name",
    "package_name_problem",
    "pascal_case",
    "snake_case",
    "upper_snake",
    "words",
]

PYTHON_BUILTINS: frozenset[str] = frozenset(
    # Public names of `builtins` on CPython 3.10 through 3.14 (the union, so output is stable).
    """
    ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup
    BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError
    ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError
    DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception
    ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError FutureWarning
    GeneratorExit IOError ImportError ImportWarning IndentationError IndexError
    InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError
    ModuleNotFoundError NameError None NotADirectoryError NotImplemented NotImplementedError
    OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError
    PythonFinalizationError RecursionError ReferenceError ResourceWarning RuntimeError
    RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError
    SystemExit TabError TimeoutError True TypeError UnboundLocalError UnicodeDecodeError
    UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning
    ValueError Warning ZeroDivisionError
    abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr
    classmethod compile complex copyright credits delattr dict dir divmod enumerate eval exec
    exit filter float format frozenset getattr globals hasattr hash help hex id input int
    isinstance issubclass iter len license list locals map max memoryview min next object oct
    open ord pow print property quit range repr reversed round set setattr slice sorted
    staticmethod str sum super tuple type vars zip
    """.split()
)

SHADOWED_MODULES: frozenset[str] = frozenset(
    # Public top-level modules of the standard library, CPython 3.10 through 3.14 (the union, so
    # the answer is the same everywhere), and httpx, which the pollers type-check against. A
    # generated package of one of these names would replace that module for every import on
    # sys.path beside it — its own `import dataclasses` included.
    """
    abc aifc annotationlib antigravity argparse array ast asynchat asyncio asyncore atexit
    audioop base64 bdb binascii bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath
    cmd code codecs codeop collections colorsys compileall compression concurrent
    configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses
    datetime dbm decimal difflib dis distutils doctest email encodings ensurepip enum errno
    faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath
    getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib
    imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3
    linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder
    msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode
    operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform
    plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc
    pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy
    sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr
    socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics
    string stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile
    telnetlib tempfile termios textwrap this threading time timeit tkinter token tokenize
    tomllib trace traceback tracemalloc tty turtle turtledemo types typing unicodedata
    unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref
    xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo
    httpx
    """.split()
)

RESERVED_ATTRIBUTES: frozenset[str] = frozenset(
    # Methods and properties that generated model and status classes define, then names
    # evaluated inside a class body, which a field of the same name would rebind.
    """
    from_dict to_dict from_json to_json extra_properties
    is_terminal is_success is_failure is_unknown failure_message result_location
    str int float bool bytes dict list datetime date any field dataclass dataclasses unset self cls
    path data classmethod
    """.split()
)

RESERVED_CLASS_NAMES: frozenset[str] = PYTHON_BUILTINS | frozenset(
    # Runtime classes every generated package ships, then names imported into its modules.
    """
    ValidationError OperationFailed PollTimeout Unset UNSET OpenEnum StatusRule Shapes MAX_DEPTH
    Model StatusModel PlainStatusModel
    Poller AsyncPoller ResultPoller AsyncResultPoller HttpResponse PollOptions TransientError
    UnexpectedResponse TYPE_CHECKING LroPoller AsyncLroPoller LroOperation LroStatus
    Any Union Optional Literal Callable TypeAlias Self Final ClassVar Mapping Sequence
    Iterator Enum datetime date timezone timedelta dataclass field enum json annotations
    """.split()
)

_GENERATED_LOCALS: frozenset[str] = frozenset(
    # Names the generated poll functions use themselves, then module-level imports that a
    # parameter or function of the same name would hide.
    """
    self cls client url timeout min_delay max_delay on_progress options headers path kwargs args
    dataclass field date datetime json time random re math enum typing dataclasses urllib http
    socket ssl expand_path httpx
    """.split()
)

# Builtins too, except `id`: generated code never calls it and `id_` would be an ugly API.
RESERVED_PARAMETERS: frozenset[str] = _GENERATED_LOCALS | {
    name for name in PYTHON_BUILTINS if name.islower() and name != "id"
}

AMBIGUOUS: frozenset[str] = frozenset({"l", "I", "O"})
"""Names pycodestyle (ruff E741-E743) refuses for variables, classes and functions: they read
as 1 and 0. Generated code must pass `ruff check`, so these get a suffix like keywords do."""

_WORD = re.compile(
    r"""
    \d*[A-Z]?[a-z]+\d*          # word or Capitalised word, trailing digits kept: progress2
    | \d*[A-Z]+(?=[A-Z][a-z])   # acronym directly before a Capitalised word: HTTP|Status
    | \d*[A-Z]+\d*              # trailing acronym, digits kept: runtimeMS, HTTP2
    | \d+                       # bare number
    """,
    re.VERBOSE,
)
_ASCII_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CASES_KEPT = 16384
"""Names whose casings are remembered: a spec repeats its property names across schemas and
every model's names are cased again for fields, classes and hints (a fifth of parsing
status_2000's schemas before)."""


_TRANSLITERATE = str.maketrans(
    # Latin letters that NFKD leaves whole; without this "Straße" would lose a letter.
    {"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
     "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
     "ı": "i", "ħ": "h", "Ħ": "H"}
)  # fmt: skip


def _ascii_fold(raw: str) -> str:
    """Reduce to ASCII: café -> cafe; other letters (日本, Ω) vanish, other symbols separate."""
    if raw.isascii():  # nearly every name; NFKD and the table leave ASCII as it is
        return raw
    decomposed = unicodedata.normalize("NFKD", raw.translate(_TRANSLITERATE))
    return "".join(
        ch if ch.isascii() else "" if ch.isalpha() or unicodedata.combining(ch) else " "
        for ch in decomposed
    )


def words(raw: str) -> list[str]:
    """Split a wire name into lowercase ASCII words; every casing rule is built on this."""
    return [w.lower() for w in _WORD.findall(_ascii_fold(raw))]


@functools.lru_cache(maxsize=_CASES_KEPT)
def snake_case(raw: str) -> str:
    """`runtimeMS` -> `runtime_ms`; may be empty or start with a digit."""
    return "_".join(words(raw))


@functools.lru_cache(maxsize=_CASES_KEPT)
def pascal_case(raw: str) -> str:
    """`api-version` -> `ApiVersion`; names that already look PascalCase are kept verbatim.

    Keeping `HTTPStatus` or `BackgroundRequestStateDto` as written matches the spec author's
    schema names, which is what users search the generated code for.
    """
    if _ASCII_IDENTIFIER.fullmatch(raw) and raw[0].isupper() and "_" not in raw:
        return raw
    return "".join(w[:1].upper() + w[1:] for w in words(raw))


@functools.lru_cache(maxsize=_CASES_KEPT)
def upper_snake(raw: str) -> str:
    """`inProgress` -> `IN_PROGRESS`; may be empty or start with a digit."""
    return "_".join(w.upper() for w in words(raw))


def _claim(name: str, taken: set[str], separator: str) -> str:
    """Return `name`, or the first free `base{sep}2`, `base{sep}3`, ...; record it as taken.

    The base drops a trailing `_` (`from_` -> `from_2`, not `from__2`); a suffix never makes a
    keyword or reserved name, so the escaping done before this call stays valid.
    """
    candidate = name
    base = name.rstrip("_") or name
    counter = 2
    while candidate in taken:
        candidate = f"{base}{separator}{counter}"
        counter += 1
    taken.add(candidate)
    return candidate


def _identifier(
    name: str, fallback: str, prefix: str, reserved: frozenset[str], suffix: str
) -> str:
    """The rules every made name follows: `fallback` for an empty one, `prefix` before a
    leading digit, `suffix` after a keyword, a reserved or an ambiguous name."""
    name = name or fallback
    if name[0].isdigit():
        name = prefix + name
    if keyword.iskeyword(name) or name in reserved or name in AMBIGUOUS:
        name += suffix
    return name


def _snake_identifier(raw: str, reserved: frozenset[str]) -> str:
    return _identifier(snake_case(raw), "field", "field_", reserved, "_")


def attribute_name(wire: str, taken: set[str]) -> str:
    """Dataclass attribute for a wire key; unique within `taken`, which it updates."""
    name = _snake_identifier(wire, RESERVED_ATTRIBUTES)
    return _claim(name, taken, "_")


def function_name(raw: str, taken: set[str]) -> str:
    """Module-level function or keyword-parameter name; unique within `taken`, which it updates."""
    name = _snake_identifier(raw, RESERVED_PARAMETERS)
    return _claim(name, taken, "_")


def class_name(raw: str, taken: set[str]) -> str:
    """Class name for a schema, enum or union; never shadows a builtin or a runtime import."""
    # "Schema", not "Model", for a name with no letters: `Model` is the runtime's base class
    name = _identifier(pascal_case(raw), "Schema", "Model", RESERVED_CLASS_NAMES, "Model")
    return _claim(name, taken, "_" if name[-1].isdigit() else "")


def enum_member_name(value: str, taken: set[str]) -> str:
    """Enum member for a wire value; leading underscores vanish, so no sunder/dunder names."""
    if value == "":
        name = "EMPTY"
    else:
        name = upper_snake(value) or "VALUE"
        if name[0].isdigit():
            name = f"VALUE_{name}"
        if name in AMBIGUOUS:
            name = f"{name}_"
    return _claim(name, taken, "_")


def is_valid_package_name(name: str) -> bool:
    """Check an explicit `x-statusgen.package`, which is used verbatim and never converted."""
    return package_name_problem(name) is None


def package_name_problem(name: str) -> str | None:
    """Why `name` cannot be a generated package's name, or None when it can."""
    if keyword.iskeyword(name):
        return "is a Python keyword"
    if (
        not (name.isascii() and name.isidentifier())
        or name.strip("_") == ""
        or (name.startswith("__") and name.endswith("__"))
    ):
        return "is not a valid Python identifier"
    if name in SHADOWED_MODULES:
        return "would shadow the module of that name"
    return None


def module_name(raw: str) -> str:
    """Package name derived from a spec file stem; raises ValueError when none can be made."""
    name = snake_case(raw)
    problem = package_name_problem(name)
    if problem is not None and name in SHADOWED_MODULES:
        raise ValueError(f"package {name!r} {problem}")
    if problem is not None:
        raise ValueError(f"{raw!r} is not a valid Python package name")
    return name


def json_path_segment(wire: str) -> str:
    """`.key` for plain keys, `["a-b"]` otherwise, so error paths stay unambiguous."""
    if _ASCII_IDENTIFIER.fullmatch(wire):
        return f".{wire}"
    return f"[{json.dumps(wire, ensure_ascii=False)}]"
