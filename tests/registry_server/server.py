#!/usr/bin/env python3
"""lode-test-registry: an npm-compatible registry for lode's tests, on 127.0.0.1.

Serves packages built from fixture folders (<dir>/<name>/<version>/package.json ...),
with the HTTP behaviour lode's client relies on (ETag, Last-Modified, gzip, keep-alive,
abbreviated documents, auth) and faults injected on demand. Standard library only.
See docs/test-registry.md for the fixture layout, the flags and the control endpoints.

The first line on stdout is "lode-test-registry listening on http://HOST:PORT/";
nothing else is written to stdout.
"""

import argparse
import base64
import calendar
import copy
import datetime
import email.utils
import gzip
import hashlib
import http.server
import io
import json
import os
import posixpath
import random
import re
import signal
import socket
import socketserver
import ssl
import stat
import struct
import sys
import tarfile
import threading
import time
import traceback
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import recording  # noqa: E402  (beside this file)

SERVER_NAME = "lode-test-registry"

# npm (and node-tar) give every tarball entry this modification time.
TARBALL_MTIME = calendar.timegm((1985, 10, 26, 8, 15, 0))
# Publish times when meta.json gives none: version number i (in SemVer order) was
# published on day i after this.
DEFAULT_TIME_BASE = calendar.timegm((2020, 1, 1, 0, 0, 0))

ABBREVIATED_TYPE = "application/vnd.npm.install-v1+json"
CONTROL_PREFIX = "/-/lode-test/"
MAX_REQUEST_BODY = 16 * 1024 * 1024
MAX_LOG_ENTRIES = 200_000

# Headers the request log keeps (lower case).
LOGGED_HEADERS = (
    "authorization",
    "accept",
    "accept-encoding",
    "if-none-match",
    "if-modified-since",
    "user-agent",
    "npm-command",
    "range",
)

# Per-version fields of an abbreviated ("corgi") document, besides dist, deprecated,
# hasInstallScript and _hasShrinkwrap.
ABBREVIATED_FIELDS = (
    "name",
    "version",
    "dependencies",
    "optionalDependencies",
    "devDependencies",
    "peerDependencies",
    "peerDependenciesMeta",
    "bundleDependencies",
    "bin",
    "directories",
    "engines",
    "os",
    "cpu",
    "libc",
)
INSTALL_SCRIPTS = ("preinstall", "install", "postinstall")
META_KEYS = ("dist-tags", "time", "deprecated")


class SetupError(Exception):
    """A problem with the fixtures or the arguments; the server does not start."""


# ---------------------------------------------------------------------------
# SemVer 2.0 ordering

_SEMVER = re.compile(
    r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$"
)


def parse_version(text):
    """The sort key of a SemVer 2.0 version string; ValueError if it is not one."""
    match = _SEMVER.match(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"{text!r} is not a SemVer version")
    major, minor, patch, pre, build = match.groups()
    if pre is None:
        pre_key = (1,)  # a release sorts after all of its prereleases
    else:
        identifiers = []
        for part in pre.split("."):
            if part.isdigit():
                identifiers.append((0, int(part), ""))  # numeric < alphanumeric
            else:
                identifiers.append((1, 0, part))
        pre_key = (0, tuple(identifiers))
    # Build metadata does not change precedence; it only breaks ties deterministically.
    return (int(major), int(minor), int(patch), pre_key, build or "")


def is_prerelease(text):
    return parse_version(text)[3] != (1,)


# ---------------------------------------------------------------------------
# Times

def parse_time(text, where):
    if not isinstance(text, str):
        raise SetupError(f"{where}: a time must be a string like 2020-01-01T00:00:00.000Z")
    try:
        value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise SetupError(f"{where}: {text!r} is not an ISO 8601 time") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return value.timestamp()


def format_time(timestamp):
    value = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def http_date(timestamp):
    return email.utils.formatdate(int(timestamp), usegmt=True)


# ---------------------------------------------------------------------------
# Fixtures → packages


def read_json(path):
    try:
        with open(path, "rb") as f:
            return json.loads(f.read().decode("utf-8"))
    except OSError as e:
        raise SetupError(f"{path}: cannot read: {e.strerror}") from None
    except (UnicodeDecodeError, ValueError) as e:
        raise SetupError(f"{path}: invalid JSON: {e}") from None


def bin_paths(manifest):
    """The files named in package.json "bin", normalized ("./cli.js" -> "cli.js")."""
    value = manifest.get("bin")
    if isinstance(value, str):
        targets = [value]
    elif isinstance(value, dict):
        targets = [v for v in value.values() if isinstance(v, str)]
    else:
        targets = []
    return {posixpath.normpath(t) for t in targets}


def collect_files(folder):
    """[(relative posix path, absolute path, is_dir)] under folder, sorted by path parts."""
    found = []

    def walk(directory, prefix):
        with os.scandir(directory) as it:
            entries = list(it)
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_symlink():
                raise SetupError(f"{entry.path}: symbolic links are not supported in fixtures")
            if entry.is_dir():
                found.append((rel, entry.path, True))
                walk(entry.path, rel + "/")
            elif entry.is_file():
                found.append((rel, entry.path, False))
            else:
                raise SetupError(f"{entry.path}: not a regular file or folder")

    walk(folder, "")
    found.sort(key=lambda item: item[0].split("/"))
    return found


class PackageVersion:
    def __init__(self, name, version, folder, manifest):
        self.name = name
        self.version = version
        self.folder = folder
        self.manifest = manifest
        self.deprecated = None
        self.published = None  # timestamp
        self.tarball = None
        self.tarball_name = f"{name.split('/')[-1]}-{version}.tgz"
        self.has_shrinkwrap = os.path.isfile(os.path.join(folder, "npm-shrinkwrap.json"))

    def build_tarball(self):
        """A deterministic .tgz of the folder: entries under package/, sorted, fixed
        mtime/owner, 0644 files, 0755 for executables, bins and folders, gzip mtime 0."""
        executables = bin_paths(self.manifest)
        raw = io.BytesIO()
        file_count = 0
        unpacked_size = 0
        with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for rel, path, is_dir in collect_files(self.folder):
                info = tarfile.TarInfo("package/" + rel)
                info.mtime = TARBALL_MTIME
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                if is_dir:
                    info.type = tarfile.DIRTYPE
                    info.mode = 0o755
                    tar.addfile(info)
                    continue
                with open(path, "rb") as f:
                    data = f.read()
                executable = bool(os.stat(path).st_mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH))
                info.mode = 0o755 if executable or rel in executables else 0o644
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
                file_count += 1
                unpacked_size += len(data)
        self.tarball = gzip.compress(raw.getvalue(), compresslevel=9, mtime=0)
        self.integrity = "sha512-" + base64.b64encode(hashlib.sha512(self.tarball).digest()).decode("ascii")
        self.shasum = hashlib.sha1(self.tarball).hexdigest()
        self.file_count = file_count
        self.unpacked_size = unpacked_size

    def has_install_script(self):
        scripts = self.manifest.get("scripts")
        return isinstance(scripts, dict) and any(s in scripts for s in INSTALL_SCRIPTS)


class Package:
    def __init__(self, name):
        self.name = name
        self.versions = {}  # version -> PackageVersion
        self.meta = {"dist-tags": {}, "time": {}, "deprecated": {}}
        self.meta_sources = []

    def add_meta(self, path):
        meta = read_json(path)
        if not isinstance(meta, dict):
            raise SetupError(f"{path}: must be a JSON object")
        unknown = sorted(set(meta) - set(META_KEYS))
        if unknown:
            raise SetupError(f"{path}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(META_KEYS)})")
        tags = meta.get("dist-tags", {})
        if not isinstance(tags, dict) or not all(isinstance(v, str) for v in tags.values()):
            raise SetupError(f"{path}: \"dist-tags\" must map tag names to versions")
        times = meta.get("time", {})
        if not isinstance(times, dict):
            raise SetupError(f"{path}: \"time\" must be an object")
        deprecated = meta.get("deprecated", {})
        if isinstance(deprecated, str):
            deprecated = {"*": deprecated}
        if not isinstance(deprecated, dict) or not all(isinstance(v, str) for v in deprecated.values()):
            raise SetupError(f"{path}: \"deprecated\" must map versions to messages (or be one message)")
        self.meta["dist-tags"].update(tags)
        self.meta["time"].update({k: (v, path) for k, v in times.items()})
        self.meta["deprecated"].update(deprecated)
        self.meta_sources.append(path)

    def finish(self):
        """Checks meta.json against the versions, fills in tags, times, deprecations and
        builds the tarballs."""
        where = ", ".join(self.meta_sources) or self.name
        order = sorted(self.versions, key=parse_version)
        self.ordered_versions = order
        for tag, version in self.meta["dist-tags"].items():
            if version not in self.versions:
                raise SetupError(f"{where}: dist-tag {tag!r} names {version!r}, which has no folder")
        for version in self.meta["deprecated"]:
            if version != "*" and version not in self.versions:
                raise SetupError(f"{where}: \"deprecated\" names {version!r}, which has no folder")
        for key in self.meta["time"]:
            if key not in ("created", "modified") and key not in self.versions:
                raise SetupError(f"{where}: \"time\" names {key!r}, which has no folder")

        tags = {}
        releases = [v for v in order if not is_prerelease(v)]
        tags["latest"] = (releases or order)[-1]
        tags.update(self.meta["dist-tags"])
        self.dist_tags = tags

        times = self.meta["time"]
        for index, version in enumerate(order):
            item = self.versions[version]
            if version in times:
                item.published = parse_time(times[version][0], times[version][1])
            else:
                item.published = DEFAULT_TIME_BASE + index * 86400
            item.deprecated = self.meta["deprecated"].get(version, self.meta["deprecated"].get("*"))
            item.build_tarball()
        published = [self.versions[v].published for v in order]
        self.created = parse_time(*times["created"]) if "created" in times else min(published)
        self.modified = parse_time(*times["modified"]) if "modified" in times else max(published)


def load_packages(dirs):
    """{name: Package} from the fixture folders, validated; SetupError on problems."""
    packages = {}

    def load_package(name, folder):
        package = packages.get(name) or Package(name)
        packages[name] = package
        meta_path = os.path.join(folder, "meta.json")
        if os.path.isfile(meta_path):
            package.add_meta(meta_path)
        found = False
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.name.startswith(".") or not entry.is_dir():
                continue
            found = True
            version_folder = entry.path
            manifest_path = os.path.join(version_folder, "package.json")
            if not os.path.isfile(manifest_path):
                raise SetupError(f"{version_folder}: no package.json")
            manifest = read_json(manifest_path)
            if not isinstance(manifest, dict):
                raise SetupError(f"{manifest_path}: must be a JSON object")
            if manifest.get("name") != name:
                raise SetupError(
                    f"{manifest_path}: \"name\" is {manifest.get('name')!r} but the folder says {name!r}")
            if manifest.get("version") != entry.name:
                raise SetupError(
                    f"{manifest_path}: \"version\" is {manifest.get('version')!r} but the folder says {entry.name!r}")
            try:
                parse_version(entry.name)
            except ValueError as e:
                raise SetupError(f"{version_folder}: {e}") from None
            if entry.name in package.versions:
                raise SetupError(
                    f"{version_folder}: {name}@{entry.name} is also in {package.versions[entry.name].folder}")
            package.versions[entry.name] = PackageVersion(name, entry.name, version_folder, manifest)
        if not found:
            raise SetupError(f"{folder}: no version folders (expected {folder}/<version>/package.json)")

    for directory in dirs:
        if not os.path.isdir(directory):
            raise SetupError(f"{directory}: no such folder (--packages)")
        for entry in sorted(os.scandir(directory), key=lambda e: e.name):
            if entry.name.startswith(".") or not entry.is_dir():
                continue
            if entry.name.startswith("@"):
                for sub in sorted(os.scandir(entry.path), key=lambda e: e.name):
                    if not sub.name.startswith(".") and sub.is_dir():
                        load_package(f"{entry.name}/{sub.name}", sub.path)
            else:
                load_package(entry.name, entry.path)
    for package in packages.values():
        package.finish()
    return packages


# ---------------------------------------------------------------------------
# Responses

def json_bytes(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


class Representation:
    """A body the server can send, with its validators, and a gzip'd copy made on demand."""

    def __init__(self, body, content_type, last_modified=None, cache_control=None, compressible=True):
        self.body = body
        self.content_type = content_type
        self.last_modified = last_modified
        self.cache_control = cache_control
        self.compressible = compressible
        digest = hashlib.sha256(body).hexdigest()[:40]
        self.etag = f'"{digest}"'
        self.gzip_etag = f'"{digest}-gz"'
        self._gzipped = None

    def gzipped(self):
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gzipped


class Response:
    def __init__(self, status, body=b"", headers=None):
        self.status = status
        self.body = body
        self.headers = list(headers or [])


def json_response(status, value, headers=None):
    response = Response(status, json_bytes(value), headers)
    response.headers.append(("Content-Type", "application/json"))
    return response


def error_response(status, message, headers=None):
    return json_response(status, {"error": message}, headers)


class Registry:
    """The packages with their documents and tarballs, built once the base URL is known."""

    def __init__(self, packages, tarball_base, max_age):
        self.packages = packages
        self.documents = {}  # name -> (full Representation, abbreviated Representation)
        self.manifests = {}  # (name, version) -> Representation
        self.tarballs = {}  # (name, file name) -> Representation
        doc_cache = f"public, max-age={max_age}"
        for name, package in packages.items():
            full_versions = {}
            abbreviated_versions = {}
            for version in package.ordered_versions:
                item = package.versions[version]
                dist = {
                    "tarball": f"{tarball_base}{name}/-/{item.tarball_name}",
                    "integrity": item.integrity,
                    "shasum": item.shasum,
                    "fileCount": item.file_count,
                    "unpackedSize": item.unpacked_size,
                }
                full = dict(item.manifest)
                full["_id"] = f"{name}@{version}"
                full["_hasShrinkwrap"] = item.has_shrinkwrap
                full["dist"] = dist
                if item.deprecated is not None:
                    full["deprecated"] = item.deprecated
                full_versions[version] = full

                short = {}
                for field in ABBREVIATED_FIELDS:
                    if field in item.manifest:
                        short[field] = item.manifest[field]
                if "bundleDependencies" not in short and "bundledDependencies" in item.manifest:
                    short["bundleDependencies"] = item.manifest["bundledDependencies"]
                short["_hasShrinkwrap"] = item.has_shrinkwrap
                if item.has_install_script():
                    short["hasInstallScript"] = True
                short["dist"] = dist
                if item.deprecated is not None:
                    short["deprecated"] = item.deprecated
                abbreviated_versions[version] = short

                self.manifests[(name, version)] = Representation(
                    json_bytes(full), "application/json", item.published, doc_cache)
                self.tarballs[(name, item.tarball_name)] = Representation(
                    item.tarball, "application/octet-stream", item.published,
                    "public, max-age=31536000, immutable", compressible=False)

            times = {"created": format_time(package.created), "modified": format_time(package.modified)}
            for version in package.ordered_versions:
                times[version] = format_time(package.versions[version].published)
            modified = times["modified"]
            full_doc = {"_id": name, "name": name}
            latest_manifest = package.versions[package.dist_tags["latest"]].manifest
            if isinstance(latest_manifest.get("description"), str):
                full_doc["description"] = latest_manifest["description"]
            full_doc.update({"dist-tags": package.dist_tags, "versions": full_versions,
                             "time": times, "modified": modified})
            abbreviated_doc = {"name": name, "modified": modified, "dist-tags": package.dist_tags,
                               "versions": abbreviated_versions}
            self.documents[name] = (
                Representation(json_bytes(full_doc), "application/json", package.modified, doc_cache),
                Representation(json_bytes(abbreviated_doc), ABBREVIATED_TYPE, package.modified, doc_cache),
            )


class RecordedRegistry:
    """A Recording served at this server's base URL, with each document's Representation
    made once (tarball links rewritten, ETag computed) and kept."""

    def __init__(self, source, base, max_age):
        self.source = source
        self.base = base.encode()
        self.doc_cache = f"public, max-age={max_age}"
        self.documents = {}  # (name, abbreviated) -> Representation
        self.lock = threading.Lock()

    def document(self, name, abbreviated):
        key = (name, abbreviated)
        with self.lock:
            rep = self.documents.get(key)
        if rep is not None:
            return rep
        body = self.source.document(name, abbreviated)
        if body is None:
            return None
        body = body.replace(recording.MARKER.encode(), self.base)
        rep = Representation(body, ABBREVIATED_TYPE if abbreviated else "application/json",
                             cache_control=self.doc_cache)
        with self.lock:
            return self.documents.setdefault(key, rep)

    def tarball(self, name, file_name):
        body = self.source.tarball(name, file_name)
        if body is None:
            return None
        return Representation(body, "application/octet-stream",
                              cache_control="public, max-age=31536000, immutable", compressible=False)


class Bandwidth:
    """One link shared by every connection: bytes leave at no more than `rate` bytes a second
    in total, as on pnpm's benchmark network (so more connections cannot buy more bandwidth)."""

    CHUNK = 16 * 1024

    def __init__(self, mbit_per_second):
        self.rate = mbit_per_second * 1_000_000 / 8
        self.lock = threading.Lock()
        self.free_at = 0.0  # when the link has sent everything queued so far

    def write(self, stream, body):
        for start in range(0, len(body), self.CHUNK):
            piece = body[start: start + self.CHUNK]
            with self.lock:
                now = time.monotonic()
                begin = max(now, self.free_at)
                self.free_at = begin + len(piece) / self.rate
                done = self.free_at
            delay = done - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            stream.write(piece)


# ---------------------------------------------------------------------------
# Faults

FAULT_ACTIONS = ("status", "delay", "slow", "cut", "reset", "corrupt")


def _number(rule, key, minimum, integer=False, exclusive=False):
    value = rule.get(key)
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise ValueError(f"rule {rule.get('action')!r} needs {key!r} as {'an integer' if integer else 'a number'}")
    if value < minimum or (exclusive and value == minimum):
        raise ValueError(f"{key!r} must be {'>' if exclusive else '>='} {minimum}")
    return value


def validate_rule(rule):
    """A checked copy of one fault rule; ValueError with a readable message if it is wrong."""
    if not isinstance(rule, dict):
        raise ValueError("each fault rule must be a JSON object")
    rule = copy.deepcopy(rule)
    path = rule.get("path")
    if not isinstance(path, str) or not (path.startswith("/") or path == "*"):
        raise ValueError("a fault rule needs \"path\": \"/...\" (a trailing * matches a prefix)")
    method = rule.get("method")
    if method is not None:
        if not isinstance(method, str) or not method:
            raise ValueError("\"method\" must be a string like \"GET\"")
        rule["method"] = method.upper()
    action = rule.get("action")
    if action not in FAULT_ACTIONS:
        raise ValueError(f"\"action\" must be one of {', '.join(FAULT_ACTIONS)}")
    times = rule.get("times", 1)
    if isinstance(times, bool) or not isinstance(times, int) or times < -1:
        raise ValueError("\"times\" must be an integer: N > 0 requests, or -1 for every request")
    rule["times"] = times
    rule.setdefault("used", 0)
    if action == "status":
        status = _number(rule, "status", 100, integer=True)
        if status > 599:
            raise ValueError("\"status\" must be an HTTP status (100-599)")
        headers = rule.get("headers", {})
        if not isinstance(headers, dict) or not all(
                isinstance(k, str) and isinstance(v, (str, int)) for k, v in headers.items()):
            raise ValueError("\"headers\" must map header names to strings")
    elif action == "delay":
        _number(rule, "ms", 0)
    elif action == "slow":
        _number(rule, "bytes_per_second", 0, exclusive=True)
    elif action == "cut":
        _number(rule, "after_bytes", 0, integer=True)
    return rule


class FaultRules:
    def __init__(self):
        self._lock = threading.Lock()
        self._rules = []

    def replace(self, rules):
        if not isinstance(rules, list):
            raise ValueError("the fault rules must be a JSON list")
        checked = [validate_rule(rule) for rule in rules]
        with self._lock:
            self._rules = checked

    def snapshot(self):
        with self._lock:
            return copy.deepcopy(self._rules)

    def take(self, method, paths):
        """The first rule that matches and is not used up (counted as used), or None."""
        with self._lock:
            for rule in self._rules:
                if rule["times"] == 0:
                    continue
                if "method" in rule and rule["method"] != method:
                    continue
                pattern = rule["path"]
                if pattern.endswith("*"):
                    matched = any(p.startswith(pattern[:-1]) for p in paths)
                else:
                    matched = pattern in paths
                if not matched:
                    continue
                if rule["times"] > 0:
                    rule["times"] -= 1
                rule["used"] += 1
                return dict(rule)
        return None


def corrupt_bytes(body):
    """The same bytes with a few flipped (same length)."""
    if not body:
        return body
    data = bytearray(body)
    for position in sorted({len(data) // 3, len(data) // 2, (2 * len(data)) // 3, len(data) - 1}):
        data[position] ^= 0x5A
    return bytes(data)


# ---------------------------------------------------------------------------
# The request log


class RequestLog:
    def __init__(self):
        self._lock = threading.Lock()
        self._entries = []

    def start(self, method, path, headers):
        # Every key is there from the start: handlers fill in status/fault while another
        # thread may be serializing the log.
        entry = {"method": method, "path": path, "headers": {}, "status": None, "fault": None}
        for name in LOGGED_HEADERS:
            value = headers.get(name)
            if value is not None:
                entry["headers"][name] = value
        with self._lock:
            if len(self._entries) >= MAX_LOG_ENTRIES:
                del self._entries[: MAX_LOG_ENTRIES // 10]
            self._entries.append(entry)
        return entry

    def to_json(self):
        with self._lock:
            return json_bytes(self._entries)

    def clear(self):
        with self._lock:
            self._entries = []


# ---------------------------------------------------------------------------
# HTTP


def accepts_gzip(header):
    for item in (header or "").split(","):
        coding, _, params = item.partition(";")
        if coding.strip().lower() not in ("gzip", "x-gzip"):
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            return True
    return False


def etag_list(header):
    """The entity tags in an If-None-Match header, without W/ (weak comparison)."""
    tags = []
    for item in re.findall(r'(?:W/)?"[^"]*"|\*', header):
        tags.append(item[2:] if item.startswith("W/") else item)
    return tags


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = SERVER_NAME + "/1"
    sys_version = ""
    disable_nagle_algorithm = True
    timeout = 60  # idle keep-alive connections are closed after this

    # -- plumbing -------------------------------------------------------------

    def version_string(self):
        return self.server_version

    def log_message(self, format, *args):
        if self.server.options.verbose:
            sys.stderr.write(f"{SERVER_NAME}: {self.address_string()} {format % args}\n")

    def do_GET(self):
        self.handle_any()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET

    def read_body(self):
        """The request body (so the connection stays usable), or None if it is too big."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            total = 0
            while True:
                size_line = self.rfile.readline(1024)
                try:
                    size = int(size_line.split(b";")[0].strip() or b"0", 16)
                except ValueError:
                    self.close_connection = True
                    return None
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                total += size
                if total > MAX_REQUEST_BODY:
                    self.close_connection = True
                    return None
                chunks.append(self.rfile.read(size))
                self.rfile.readline(1024)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.close_connection = True
            return None
        if length > MAX_REQUEST_BODY or length < 0:
            self.close_connection = True
            return None
        return self.rfile.read(length) if length else b""

    def handle_any(self):
        try:
            self._handle_any()
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    def _handle_any(self):
        options = self.server.options
        method = self.command
        target = self.path
        if target.startswith(("http://", "https://")):
            target = urllib.parse.urlsplit(target).path or "/"
        path = target.split("?", 1)[0].split("#", 1)[0]
        body = self.read_body()
        if body is None:
            self.send(error_response(413, "request body too large"), method)
            return
        if path.startswith(CONTROL_PREFIX):
            self.send(self.control(method, path, body), method)
            return

        decoded = urllib.parse.unquote(path)
        entry = self.server.request_log.start(method, self.path, self.headers)
        if options.latency_ms:
            time.sleep(options.latency_ms / 1000.0)
        if options.jitter_ms:
            # A random delay per request shuffles the order answers arrive in.
            time.sleep(random.uniform(0, options.jitter_ms) / 1000.0)
        fault = self.server.faults.take(method, [path, decoded] if decoded != path else [path])
        action = fault["action"] if fault else None
        if action:
            entry["fault"] = action
        if action == "reset":
            self.reset_connection()
            return
        if action == "delay":
            time.sleep(fault["ms"] / 1000.0)
        if action == "status":
            response = self.fault_response(fault)
        else:
            try:
                response = self.route(method, decoded)
            except Exception:  # a bug in this server: say so, keep serving
                traceback.print_exc()
                response = error_response(500, "internal error in the test registry")
        entry["status"] = response.status
        self.send(response, method, fault)

    def reset_connection(self):
        """Closes the connection with a TCP reset, sending nothing."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        self.rfile.close()
        self.connection.close()

    def send(self, response, method, fault=None):
        action = fault["action"] if fault else None
        body = response.body
        no_body = method == "HEAD" or response.status in (204, 304) or response.status < 200
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, str(value))
        if response.status not in (204, 304) and response.status >= 200:
            self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if no_body:
            return
        if action == "corrupt":
            body = corrupt_bytes(body)
        if action == "cut":
            self.wfile.write(body[: fault["after_bytes"]])
            self.wfile.flush()
            self.close_connection = True
            return
        if action == "slow":
            rate = float(fault["bytes_per_second"])
            chunk = max(1, int(rate / 20))  # about 20 writes a second
            for start in range(0, len(body), chunk):
                piece = body[start: start + chunk]
                self.wfile.write(piece)
                self.wfile.flush()
                time.sleep(len(piece) / rate)
            return
        if self.server.bandwidth is not None:
            self.server.bandwidth.write(self.wfile, body)
            return
        self.wfile.write(body)

    # -- control endpoints ------------------------------------------------------

    def control(self, method, path, body):
        name = path[len(CONTROL_PREFIX):].rstrip("/")
        no_store = [("Cache-Control", "no-store")]
        if name == "faults":
            if method in ("GET", "HEAD"):
                return json_response(200, self.server.faults.snapshot(), no_store)
            if method in ("POST", "PUT"):
                try:
                    rules = json.loads(body.decode("utf-8") or "[]")
                    self.server.faults.replace(rules)
                except (UnicodeDecodeError, ValueError) as e:
                    return error_response(400, f"bad fault rules: {e}", no_store)
                return json_response(200, self.server.faults.snapshot(), no_store)
            if method == "DELETE":
                self.server.faults.replace([])
                return json_response(200, [], no_store)
            return error_response(405, "method not allowed", [("Allow", "GET, HEAD, POST, PUT, DELETE")])
        if name == "requests":
            if method in ("GET", "HEAD"):
                response = Response(200, self.server.request_log.to_json(), no_store)
                response.headers.append(("Content-Type", "application/json"))
                return response
            if method == "DELETE":
                self.server.request_log.clear()
                return json_response(200, [], no_store)
            return error_response(405, "method not allowed", [("Allow", "GET, HEAD, DELETE")])
        if name == "recording" and self.server.recorded is not None:
            if method in ("GET", "HEAD"):
                return json_response(200, self.server.recorded.source.summary(), no_store)
            return error_response(405, "method not allowed", [("Allow", "GET, HEAD")])
        return error_response(404, "Not found")

    def fault_response(self, fault):
        status = fault["status"]
        headers = [(k, v) for k, v in fault.get("headers", {}).items()]
        named = {k.lower() for k, _ in headers}
        body = fault.get("body")
        if body is None:
            try:
                phrase = http.HTTPStatus(status).phrase
            except ValueError:
                phrase = ""
            body = {"error": f"injected fault: {status} {phrase}".strip()}
        if isinstance(body, str):
            data = body.encode("utf-8")
            content_type = "text/plain; charset=utf-8"
        else:
            data = json_bytes(body)
            content_type = "application/json"
        if "content-type" not in named:
            headers.append(("Content-Type", content_type))
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        return Response(status, data, headers)

    # -- the registry -----------------------------------------------------------

    def authorized(self):
        options = self.server.options
        if not options.token and not options.basic:
            return True
        scheme, _, credentials = self.headers.get("Authorization", "").strip().partition(" ")
        credentials = credentials.strip()
        if scheme.lower() == "bearer" and credentials in options.token:
            return True
        if scheme.lower() == "basic" and options.basic:
            try:
                pair = base64.b64decode(credentials, validate=True).decode("utf-8")
            except (ValueError, UnicodeDecodeError):
                return False
            return pair in options.basic
        return False

    def unauthorized(self):
        options = self.server.options
        headers = []
        if options.token:
            headers.append(("WWW-Authenticate", f'Bearer realm="{SERVER_NAME}"'))
        if options.basic:
            headers.append(("WWW-Authenticate", f'Basic realm="{SERVER_NAME}"'))
        if self.headers.get("Authorization"):
            return error_response(401, "invalid credentials", headers)
        return error_response(401, "authentication required", headers)

    def route(self, method, path):
        if path == "/-/ping":
            if method not in ("GET", "HEAD"):
                return error_response(405, "method not allowed", [("Allow", "GET, HEAD")])
            return json_response(200, {})
        if path.startswith("/-/") or path == "/":
            return error_response(404, "Not found")
        parts = path.lstrip("/").split("/")
        while parts and parts[-1] == "":
            parts.pop()
        if not parts or "" in parts:
            return error_response(404, "Not found")
        if parts[0].startswith("@"):
            if len(parts) < 2:
                return error_response(404, "Not found")
            name, rest = parts[0] + "/" + parts[1], parts[2:]
        else:
            name, rest = parts[0], parts[1:]
        if not self.authorized():
            return self.unauthorized()
        if method not in ("GET", "HEAD"):
            return error_response(405, "method not allowed", [("Allow", "GET, HEAD")])
        if self.server.recorded is not None:
            return self.route_recorded(name, rest)
        registry = self.server.registry
        package = registry.packages.get(name)
        if package is None:
            return error_response(404, "Not found")
        if not rest:
            full, abbreviated = registry.documents[name]
            wants_abbreviated = ABBREVIATED_TYPE in self.headers.get("Accept", "")
            use = abbreviated if wants_abbreviated and not self.server.options.no_abbreviated else full
            vary = "Accept-Encoding" if self.server.options.no_abbreviated else "Accept, Accept-Encoding"
            return self.representation(use, [("Vary", vary)])
        if len(rest) == 1:
            version = package.dist_tags.get(rest[0], rest[0])
            manifest = registry.manifests.get((name, version))
            if manifest is None:
                return error_response(404, "Not found")
            return self.representation(manifest, [("Vary", "Accept-Encoding")])
        if len(rest) == 2 and rest[0] == "-":
            tarball = registry.tarballs.get((name, rest[1]))
            if tarball is None:
                return error_response(404, "Not found")
            return self.representation(tarball)
        return error_response(404, "Not found")

    def route_recorded(self, name, rest):
        recorded = self.server.recorded
        try:
            if not rest:
                abbreviated = (ABBREVIATED_TYPE in self.headers.get("Accept", "")
                               and not self.server.options.no_abbreviated)
                rep = recorded.document(name, abbreviated)
                if rep is None:
                    return error_response(404, "Not found")
                vary = "Accept-Encoding" if self.server.options.no_abbreviated else "Accept, Accept-Encoding"
                return self.representation(rep, [("Vary", vary)])
            if len(rest) == 2 and rest[0] == "-":
                rep = recorded.tarball(name, rest[1])
                if rep is None:
                    return error_response(404, "Not found")
                return self.representation(rep)
        except recording.UpstreamError as e:
            return error_response(502, f"upstream registry: {e}")
        return error_response(404, "Not found")

    def representation(self, rep, extra_headers=()):
        """200 with rep (gzip'd when asked and allowed), or 304 when the validators match."""
        use_gzip = (rep.compressible and not self.server.options.no_gzip
                    and accepts_gzip(self.headers.get("Accept-Encoding")))
        etag = rep.gzip_etag if use_gzip else rep.etag
        headers = [("ETag", etag)]
        if rep.last_modified is not None:
            headers.append(("Last-Modified", http_date(rep.last_modified)))
        if rep.cache_control:
            headers.append(("Cache-Control", rep.cache_control))
        headers.extend(extra_headers)

        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = etag_list(if_none_match)
            if "*" in tags or rep.etag in tags or rep.gzip_etag in tags:
                return Response(304, b"", headers)
        else:
            since = self.headers.get("If-Modified-Since")
            if since and rep.last_modified is not None:
                try:
                    since_time = email.utils.parsedate_to_datetime(since).timestamp()
                except (TypeError, ValueError, IndexError, OverflowError):
                    since_time = None
                if since_time is not None and int(rep.last_modified) <= since_time:
                    return Response(304, b"", headers)

        headers.append(("Content-Type", rep.content_type))
        if use_gzip:
            headers.append(("Content-Encoding", "gzip"))
            return Response(200, rep.gzipped(), headers)
        return Response(200, rep.body, headers)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128

    def __init__(self, address, options):
        self.options = options
        self.faults = FaultRules()
        self.request_log = RequestLog()
        self.registry = None
        self.recorded = None  # RecordedRegistry when serving a recording
        self.bandwidth = None  # Bandwidth when --bandwidth-mbit
        self.tls = None  # ssl.SSLContext when --tls-cert
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.address_family = family
        super().__init__(address, Handler)

    def server_bind(self):
        # HTTPServer.server_bind would look the host name up (getfqdn); not needed here.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def get_request(self):
        connection, address = super().get_request()
        if self.tls is not None:
            # The handshake happens on the handler's thread, at its first read: a client
            # that connects and says nothing holds up only its own connection.
            connection = self.tls.wrap_socket(connection, server_side=True, do_handshake_on_connect=False)
        return connection, address

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        # A client that refuses the certificate ends its TLS handshake: an SSLError here.
        if isinstance(error, (ConnectionError, TimeoutError, ssl.SSLError)) and not self.options.verbose:
            return
        super().handle_error(request, client_address)


# ---------------------------------------------------------------------------
# Start-up


def parse_args(argv):
    default_packages = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "registry")
    parser = argparse.ArgumentParser(
        prog="server.py", description="The npm-compatible test registry for lode's tests.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default 0: a free one)")
    parser.add_argument("--packages", action="append", metavar="DIR",
                        help="fixture folder (repeatable; default tests/fixtures/registry)")
    parser.add_argument("--tarball-base", metavar="URL",
                        help="base URL for tarball links in documents (default: this server)")
    parser.add_argument("--no-abbreviated", action="store_true",
                        help="ignore Accept and always send full documents")
    parser.add_argument("--max-age", type=int, default=300, metavar="N",
                        help="Cache-Control max-age of documents (default 300)")
    parser.add_argument("--no-gzip", action="store_true", help="never gzip responses")
    parser.add_argument("--token", action="append", default=[], metavar="T",
                        help="require Authorization: Bearer T (repeatable: any one is accepted)")
    parser.add_argument("--basic", action="append", default=[], metavar="USER:PASS",
                        help="require Basic auth with USER:PASS (repeatable)")
    parser.add_argument("--faults", metavar="FILE", help="JSON list of fault rules to start with")
    parser.add_argument("--jitter-ms", type=float, default=0, metavar="N",
                        help="wait a random 0..N ms before answering each non-control request")
    parser.add_argument("--latency-ms", type=float, default=0, metavar="N",
                        help="delay every package and tarball request by N ms")
    parser.add_argument("--bandwidth-mbit", type=float, default=0, metavar="N",
                        help="send at most N Mbit/s in total over all connections (default: no limit)")
    parser.add_argument("--recording", metavar="DIR",
                        help="serve the recorded registry in DIR instead of fixture folders")
    parser.add_argument("--upstream", metavar="URL",
                        help="with --recording: fetch what DIR lacks from URL and record it")
    parser.add_argument("--tls-cert", metavar="PEM", help="serve HTTPS with this certificate (chain)")
    parser.add_argument("--tls-key", metavar="PEM", help="the private key of --tls-cert")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    options = parser.parse_args(argv)
    if bool(options.tls_cert) != bool(options.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    if options.upstream and not options.recording:
        parser.error("--upstream needs --recording DIR")
    if options.recording and options.packages:
        parser.error("--recording and --packages are exclusive")
    if options.bandwidth_mbit < 0:
        parser.error("--bandwidth-mbit must not be negative")
    if options.packages is None and not options.recording:
        options.packages = [os.path.normpath(default_packages)]
    for pair in options.basic:
        if ":" not in pair:
            parser.error(f"--basic wants USER:PASS, got {pair!r}")
    if options.max_age < 0 or options.latency_ms < 0:
        parser.error("--max-age and --latency-ms must not be negative")
    return options


def run(argv):
    options = parse_args(argv)
    try:
        if options.recording:
            if not options.upstream and not os.path.isdir(os.path.join(options.recording, "documents")):
                raise SetupError(f"{options.recording}: not a recording (no documents/ folder); "
                                 "make one with --upstream URL")
            packages = {}
        else:
            packages = load_packages(options.packages)
        faults = FaultRules()
        if options.faults:
            try:
                faults.replace(read_json(options.faults))
            except ValueError as e:
                raise SetupError(f"{options.faults}: {e}") from None
    except SetupError as e:
        sys.stderr.write(f"{SERVER_NAME}: error: {e}\n")
        return 2

    try:
        server = Server((options.host, options.port), options)
    except OSError as e:
        sys.stderr.write(f"{SERVER_NAME}: error: cannot listen on {options.host}:{options.port}: {e.strerror}\n")
        return 2
    server.faults = faults
    if options.tls_cert:
        server.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        try:
            server.tls.load_cert_chain(options.tls_cert, options.tls_key)
        except (OSError, ssl.SSLError) as e:
            sys.stderr.write(f"{SERVER_NAME}: error: cannot load {options.tls_cert}: {e}\n")
            return 2
        server.tls.set_alpn_protocols(["http/1.1"])
    port = server.server_address[1]
    host = f"[{options.host}]" if ":" in options.host else options.host
    scheme = "https" if options.tls_cert else "http"
    base = f"{scheme}://{host}:{port}/"
    tarball_base = options.tarball_base or base
    if not tarball_base.endswith("/"):
        tarball_base += "/"
    server.registry = Registry(packages, tarball_base, options.max_age)
    if options.recording:
        source = recording.Recording(options.recording, options.upstream)
        server.recorded = RecordedRegistry(source, tarball_base, options.max_age)
    if options.bandwidth_mbit:
        server.bandwidth = Bandwidth(options.bandwidth_mbit)

    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    sys.stdout.write(f"{SERVER_NAME} listening on {base}\n")
    sys.stdout.flush()
    if options.verbose:
        where = options.recording if options.recording else ", ".join(options.packages)
        sys.stderr.write(f"{SERVER_NAME}: serving {where}\n")

    # Stop on a signal, or when the process that started us is gone (a test that
    # crashed must not leave a server behind).
    parent = os.getppid()
    while not stop.wait(1.0):
        if os.getppid() != parent:
            break
    server.shutdown()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
