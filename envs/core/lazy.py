"""A mapping built on first read: observation data nobody reads (a Gymnasium step) costs nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any


class LazyMapping(Mapping[str, Any]):
    """Reads like the dict `build()` returns; `build` runs once, at the first read."""

    __slots__ = ("_build", "_data")

    def __init__(self, build: Callable[[], Mapping[str, Any]]) -> None:
        self._build = build
        self._data: Mapping[str, Any] | None = None

    def _get(self) -> Mapping[str, Any]:
        if self._data is None:  # two threads racing here both build the same data: harmless
            self._data = self._build()
        return self._data

    def __getitem__(self, key: str) -> Any:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __repr__(self) -> str:
        return repr(self._get())


def _filled(name: str) -> Any:
    method = getattr(dict, name)

    def call(self: LazyDict, *args: Any, **kwargs: Any) -> Any:
        self._fill()
        return method(self, *args, **kwargs)

    call.__name__ = name
    return call


class LazyDict(dict):
    """A real dict (isinstance, json, `**`, copy and pickle work) whose items are built at the first use.

    Every dict method fills it first; `build` must not depend on anything that can change later (the
    Gymnasium env hands it the immutable state of that step), so a late read sees what an eager one would.
    `first` holds items known at once: the dict is never empty before it is filled, because C code such as
    json's encoder looks at the size of a dict before it asks for its items. Filling keeps `build`'s order.
    """

    __slots__ = ("_build",)

    def __init__(self, build: Callable[[], Mapping[str, Any]], first: Mapping[str, Any]) -> None:
        super().__init__(first)
        self._build: Callable[[], Mapping[str, Any]] | None = build

    def _fill(self) -> None:
        build = self._build
        if build is not None:
            self._build = None
            known = dict(dict.items(self))
            dict.clear(self)
            dict.update(self, build())
            dict.update(self, known)

    def __eq__(self, other: object) -> bool:
        self._fill()
        if isinstance(other, LazyDict):
            other._fill()  # dict's own == reads the other's storage directly
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __reduce_ex__(self, protocol: Any) -> Any:
        self._fill()
        return dict, (dict(dict.items(self)),)  # copies and pickles are plain dicts

    for _name in ("__getitem__", "__setitem__", "__delitem__", "__contains__", "__iter__", "__len__", "__repr__",
                  "__or__", "__ror__", "__ior__", "__reversed__", "get", "keys", "values",
                  "items", "pop", "popitem", "setdefault", "update", "copy", "clear"):
        locals()[_name] = _filled(_name)
    del _name
    __hash__ = None  # type: ignore[assignment]
