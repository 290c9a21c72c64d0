"""One long-lived chain of `unspun STAGE --unbuffered` processes, fed and read by threads."""

from __future__ import annotations

import collections
import json
import os
import queue
import re
import shutil
import subprocess
import threading
from typing import Any, Callable, Iterable, Iterator

DEFAULT_STAGES = ("normalize", "strip", "repair")
STAGES = ("normalize", "strip", "repair", "revert")

# `unspun: error: <stdin>:LINE (id ID): REASON`, as the stage commands name a rejected record.
_REJECT = re.compile(r"^unspun: error: <stdin>:(\d+)(?: \(id (.*?)\))?: (.*)$")


class UnspunError(Exception):
    """A record the binary rejected (with its id and the binary's reason), or a failed process."""

    def __init__(self, reason: str, id: Any = None, stage: str | None = None):
        self.reason, self.id, self.stage = reason, id, stage
        where = f"record {id!r}" if id is not None else "unspun"
        super().__init__(f"{where}: {stage + ': ' if stage else ''}{reason}")


def find_binary(binary: str | None = None) -> str:
    """`binary`, else $UNSPUN_BINARY, else `unspun` on PATH."""
    found = binary or os.environ.get("UNSPUN_BINARY") or shutil.which("unspun")
    if not found or not os.access(found, os.X_OK):
        raise FileNotFoundError(
            "no unspun binary: put it on PATH (make install, or export PATH=$PWD/.build/release:$PATH) "
            "or set UNSPUN_BINARY=/path/to/unspun"
        )
    return found


_help_cache: dict[tuple[str, str], str] = {}


def stage_flags(binary: str, stages: Iterable[str], options: dict[str, Any]) -> list[list[str]]:
    """Each stage's command-line flags from keyword options (`no_classifier=True` -> `--no-classifier`),
    each given to the stages whose --help lists it."""
    helps = []
    for stage in stages:
        key = (binary, stage)
        if key not in _help_cache:
            _help_cache[key] = subprocess.run([binary, stage, "--help"], capture_output=True, text=True).stdout
        helps.append(_help_cache[key])
    flags: list[list[str]] = [[] for _ in helps]
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        takers = [i for i, text in enumerate(helps) if re.search(re.escape(flag) + r"\b", text)]
        if not takers:
            raise TypeError(f"option {name!r} ({flag}) is taken by none of the stages {', '.join(stages)}")
        if value is None or value is False:
            continue
        values = [] if value is True else [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
        for i in takers:
            flags[i] += [flag] if value is True else [part for v in values for part in (flag, v)]
    return flags


class Session:
    """The stages as one chain of processes that stays up between calls: `process` streams
    records through it, a writer thread feeding the first stage while this thread reads."""

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, binary: str | None = None, jobs: int = 1, **options: Any):
        self.stages = tuple(stages)
        unknown = [stage for stage in self.stages if stage not in STAGES]
        if not self.stages or unknown:
            raise ValueError(f"stages must be some of {', '.join(STAGES)}; got {', '.join(self.stages) or 'none'}")
        self.binary = find_binary(binary)
        flags = stage_flags(self.binary, self.stages, {"jobs": jobs, **options})
        self.notes: list[str] = []
        self._events: queue.Queue = queue.Queue()
        self._sent = 0
        self._busy = threading.Lock()
        self._processes: list[subprocess.Popen] = []
        upstream = subprocess.PIPE
        for stage, extra in zip(self.stages, flags):
            command = [self.binary, stage, "--format", "jsonl", "--unbuffered", *extra]
            process = subprocess.Popen(command, stdin=upstream, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if self._processes:
                self._processes[-1].stdout.close()  # the next stage holds it now
            upstream = process.stdout
            self._processes.append(process)
        self._threads = [threading.Thread(target=self._read_output, daemon=True)]
        self._threads += [threading.Thread(target=self._read_errors, args=(i,), daemon=True) for i in range(len(self.stages))]
        for thread in self._threads:
            thread.start()

    def _read_output(self) -> None:
        for line in self._processes[-1].stdout:
            record = json.loads(line)
            self._events.put(("out", int(record["id"]), record))
        self._events.put(("eof", None, None))

    def _read_errors(self, index: int) -> None:
        stage = self.stages[index]
        for raw in self._processes[index].stderr:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            match = _REJECT.match(line)
            if match and (match.group(2) is not None or index == 0):
                # Our ids are the records' sequence numbers; stage 1's lines are too, one record each.
                seq = int(match.group(2)) if match.group(2) is not None else int(match.group(1)) - 1
                self._events.put(("reject", seq, (stage, match.group(3))))
            elif line.startswith("unspun: error: ") and "rejected (records" not in line:
                self._events.put(("fatal", None, f"{stage}: {line[len('unspun: error: '):]}"))
            elif line:
                self.notes.append(f"{stage}: {line}")

    def process(self, items: Iterable[Any], to_record: Callable[[Any], dict] | None = None) -> Iterator[tuple[Any, Any]]:
        """Yields `(item, result)` in input order: result is the cleaned record (a dict, the
        item's own id put back) or an `UnspunError` naming the id and the binary's reason."""
        if not self._busy.acquire(blocking=False):
            raise RuntimeError("one process() at a time per Session; make a Session per worker")
        try:
            yield from self._process(items, to_record or _as_record)
        finally:
            self._busy.release()

    def _process(self, items: Iterable[Any], to_record: Callable[[Any], dict]) -> Iterator[tuple[Any, Any]]:
        inflight: collections.deque = collections.deque()
        stop = threading.Event()
        first = self._sent
        writer = threading.Thread(target=self._write, args=(items, to_record, inflight, stop), daemon=True)
        writer.start()
        results: dict[int, Any] = {}
        end = None
        try:
            while end is None or first < end:
                while inflight and inflight[0][0] in results:
                    seq, item, original_id = inflight.popleft()
                    result = results.pop(seq)
                    if isinstance(result, UnspunError):
                        result.id = original_id
                        result.args = (str(UnspunError(result.reason, original_id, result.stage)),)
                    else:
                        _restore_id(result, original_id)
                    first = seq + 1
                    yield item, result
                if end is not None and first >= end:
                    break
                kind, seq, value = self._events.get()
                if kind == "out":
                    results[seq] = value
                elif kind == "reject":
                    results[seq] = UnspunError(value[1], None, value[0])
                elif kind == "sent":
                    end = seq
                elif kind == "raise":
                    raise value
                else:
                    self._fail(value)
        finally:
            stop.set()
            if end is None or first < end:
                self._drain(writer, inflight, results)

    def _write(self, items, to_record, inflight, stop) -> None:
        sink = self._processes[0].stdin
        seq = self._sent
        try:
            for item in items:
                if stop.is_set():
                    break
                record = dict(to_record(item))
                original_id = record.get("id")
                record["id"] = str(seq)
                data = json.dumps(record, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass") + b"\n"
                inflight.append((seq, item, original_id))
                sink.write(data)
                sink.flush()
                seq += 1
        except BrokenPipeError:
            pass
        except BaseException as error:  # the caller's iterable failed: hand it over
            self._sent = seq
            self._events.put(("raise", None, error))
            return
        self._sent = seq
        self._events.put(("sent", seq, None))

    def _drain(self, writer, inflight, results) -> None:
        """After an early stop, waits for what was sent so the next call starts clean."""
        writer.join()
        outstanding = {seq for seq, _, _ in inflight} - set(results)
        while outstanding:
            kind, seq, _ = self._events.get()
            if kind in ("out", "reject"):
                outstanding.discard(seq)
            elif kind in ("eof", "fatal"):
                break

    def _fail(self, message: str | None) -> None:
        codes = [p.poll() for p in self._processes]
        detail = message or "; ".join(self.notes[-5:]) or f"exit codes {codes}"
        raise UnspunError(f"the unspun process stopped: {detail}")

    def close(self) -> None:
        if not self._processes:
            return
        try:
            self._processes[0].stdin.close()
        except OSError:
            pass
        for process in self._processes:
            process.wait()
        for thread in self._threads:
            thread.join()
        self._processes = []

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _as_record(item: Any) -> dict:
    return {"text": item} if isinstance(item, str) else item


def _restore_id(record: dict, original_id: Any) -> None:
    if original_id is None:
        record.pop("id", None)
    else:
        # The id first, as it came in.
        rest = {k: v for k, v in record.items() if k != "id"}
        record.clear()
        record["id"] = original_id
        record.update(rest)
