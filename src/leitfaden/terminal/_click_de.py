"""German for the messages that click itself prints (usage errors, help headings).

click marks its messages for gettext but ships no German catalog; this module provides one
for the messages a user of ``leitfaden`` can meet and installs it into click's modules.
"""

from __future__ import annotations

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

_DE: dict[str, str] = {
    "Usage:": "Aufruf:",
    "Options": "Optionen",
    "Commands": "Befehle",
    "Show this message and exit.": "Diese Hilfe anzeigen und beenden.",
    "Show the version and exit.": "Die Version anzeigen und beenden.",
    "%(prog)s, version %(version)s": "%(prog)s, Version %(version)s",
    "Error: {message}": "Fehler: {message}",
    "Try '{command} {option}' for help.": "Hilfe mit „{command} {option}“.",
    "No such command {name!r}.": "Unbekannter Befehl „{name}“.",
    "No such option: {name}": "Unbekannte Option: {name}",
    "Did you mean {possibility}?": "Meinten Sie {possibility}?",
    "(Possible options: {possibilities})": "(Mögliche Optionen: {possibilities})",
    "Missing argument": "Fehlendes Argument",
    "Missing option": "Fehlende Option",
    "Missing parameter": "Fehlender Parameter",
    "Missing command.": "Kein Befehl angegeben.",
    "Missing {param_type}": "Fehlt: {param_type}",
    "Missing {param_type}.": "Fehlt: {param_type}.",
    "argument": "Argument",
    "option": "Option",
    "parameter": "Parameter",
    "Invalid value: {message}": "Ungültiger Wert: {message}",
    "Invalid value for {param_hint}: {message}": "Ungültiger Wert für {param_hint}: {message}",
    "Option {name!r} requires an argument.": "Die Option „{name}“ braucht einen Wert.",
    "Option {name!r} does not take a value.": "Die Option „{name}“ nimmt keinen Wert an.",
    "Got unexpected extra argument ({args})": "Unerwartetes zusätzliches Argument ({args})",
    "Got unexpected extra arguments ({args})": "Unerwartete zusätzliche Argumente ({args})",
    "{value!r} is not {choice}.": "„{value}“ ist nicht {choice}.",
    "{value!r} is not one of {choices}.": "„{value}“ ist keiner der Werte {choices}.",
    "{value!r} is not a valid {number_type}.": "„{value}“ ist keine gültige Zahl.",
    "{value!r} is not a valid integer.": "„{value}“ ist keine ganze Zahl.",
    "{value!r} is not a valid boolean.": "„{value}“ ist kein Wahrheitswert.",
    "{name} {filename!r} does not exist.": "{name} „{filename}“ existiert nicht.",
    "{name} {filename!r} is a file.": "{name} „{filename}“ ist eine Datei.",
    "{name} {filename!r} is a directory.": "{name} „{filename}“ ist ein Ordner.",
    "{name} {filename!r} is not readable.": "{name} „{filename}“ ist nicht lesbar.",
    "File": "Datei",
    "Directory": "Ordner",
    "Path": "Pfad",
    "Aborted!": "Abgebrochen.",
    "[default: {default}]": "[Standard: {default}]",
    "default: {default}": "Standard: {default}",
    "default": "Standard",
    "required": "Pflicht",
    "env var: {var}": "Umgebungsvariable: {var}",
}

_PLURAL_DE: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": (
        "Unerwartetes zusätzliches Argument ({args})",
        "Unerwartete zusätzliche Argumente ({args})",
    ),
    "Did you mean {possibility}?": ("Meinten Sie {possibility}?", "Meinten Sie {possibility}?"),
    "(Possible options: {possibilities})": (
        "(Mögliche Optionen: {possibilities})",
        "(Mögliche Optionen: {possibilities})",
    ),
    "Missing argument": ("Fehlendes Argument", "Fehlende Argumente"),
}


def gettext_de(message: str) -> str:
    """German text for one of click's messages; the message itself if none is known."""
    return _DE.get(message, message)


def ngettext_de(singular: str, plural: str, n: int) -> str:
    forms = _PLURAL_DE.get(singular)
    if forms is None:
        return gettext_de(singular if n == 1 else plural)
    return forms[0] if n == 1 else forms[1]


def install() -> None:
    """Make click print its own messages in German."""
    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.termui,
        click.types,
    ):
        if hasattr(module, "_"):
            module._ = gettext_de  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext_de  # type: ignore[attr-defined]
