/**
 * The `kestra` Python module the playground provides, so `from kestra import
 * Kestra` works without pip. Same calls as Kestra's own Python library
 * (https://github.com/kestra-io/libs, python/src/kestra.py): each one prints
 * a `::{…}::` line on stdout, which the task turns into outputs, metrics or
 * log lines. Written for this project; only the method names and the line
 * format are Kestra's. `Kestra.read()` (Ion files) and `Flow` (the Kestra
 * API) are not available here and say so.
 */
export const KESTRA_MODULE_SOURCE = `"""Kestra's Python helpers, as provided by the in-browser playground."""
import json as _json
import logging as _logging
import sys as _sys
import time as _time

__all__ = ["Kestra"]


def _send(message):
    print("::" + _json.dumps(message, default=str) + "::", flush=True)


class _JsonFormatter(_logging.Formatter):
    _LEVELS = {_logging.DEBUG: "DEBUG", _logging.INFO: "INFO", _logging.WARNING: "WARN", _logging.ERROR: "ERROR", _logging.CRITICAL: "ERROR"}

    def format(self, record):
        level = self._LEVELS.get(record.levelno, "TRACE")
        return "::" + _json.dumps({"logs": [{"level": level, "message": record.getMessage()}]}) + "::"


class Kestra:
    """Outputs, metrics and logs for the Kestra task running this script."""

    _logger = None

    @staticmethod
    def format(map_):
        return "::" + _json.dumps(map_) + "::"

    @staticmethod
    def outputs(map_):
        _send({"outputs": map_})

    @staticmethod
    def _metrics(name, type_, value, tags=None):
        _send({"metrics": [{"name": name, "type": type_, "value": value, "tags": tags or {}}]})

    @staticmethod
    def counter(name, value, tags=None):
        Kestra._metrics(name, "counter", value, tags)

    @staticmethod
    def timer(name, duration, tags=None):
        if callable(duration):
            start = _time.perf_counter()
            duration()
            duration = _time.perf_counter() - start
        Kestra._metrics(name, "timer", duration, tags)

    @staticmethod
    def gauge(name, value, tags=None):
        Kestra._metrics(name, "gauge", value, tags)

    @staticmethod
    def assets(map_):
        _send({"assets": map_})

    @staticmethod
    def logger():
        if Kestra._logger is None:
            logger = _logging.getLogger("Kestra")
            logger.setLevel(_logging.DEBUG)
            out = _logging.StreamHandler(_sys.stdout)
            out.setLevel(_logging.DEBUG)
            out.addFilter(lambda record: record.levelno <= _logging.INFO)
            out.setFormatter(_JsonFormatter())
            err = _logging.StreamHandler(_sys.stderr)
            err.setLevel(_logging.WARNING)
            err.setFormatter(_JsonFormatter())
            logger.addHandler(out)
            logger.addHandler(err)
            Kestra._logger = logger
        return Kestra._logger

    @staticmethod
    def read(path_):
        raise NotImplementedError("Kestra.read() (Ion files) is not available in the playground; read the file with open() instead")


class Flow:
    def __init__(self, *args, **kwargs):
        raise NotImplementedError("kestra.Flow calls a Kestra server's API, which the playground does not have")
`;
