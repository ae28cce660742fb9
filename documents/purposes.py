"""What a document is for: each app that takes documents registers its purposes in its
AppConfig.ready() (`register("banking_change", "Void cheque or bank letter")`). A document
stored for an unknown purpose is refused, so a typo cannot create files nobody resolves."""

_PURPOSES: dict[str, str] = {}


def register(code: str, label: str) -> None:
    _PURPOSES[code] = label


def label(code: str) -> str:
    return _PURPOSES.get(code, code)


def known(code: str) -> bool:
    return code in _PURPOSES


def codes() -> list[str]:
    return sorted(_PURPOSES)
