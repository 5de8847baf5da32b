"""A recorded registry: package documents and tarballs kept on disk, served as they were.

The benchmark harness (bench/) needs every package manager to install the same bytes over
the same network path, and runs must repeat tomorrow. A Recording is a folder:

    documents/<name>.json          the full document, tarball links pointing at MARKER
    documents/<name>.corgi.json    the abbreviated document derived from it
    documents/<name>.tarballs.json tarball file name -> the URL it was recorded from
    tarballs/<name>/<file>.tgz     the tarballs, byte for byte

(<name> with "/" written as "%2f"). With an upstream registry, a miss is fetched from
upstream, written to the folder, and then served: that is how a recording is made. Each
document is fetched afresh the first time a recording session serves it, so that one
session records one moment of the registry: a document kept from an older session may
lack the versions that newer documents of the same session depend on. Without
one, a miss is a 404 and is counted, so a harness can tell that its recording is
incomplete. The server substitutes its own base URL for MARKER when it serves a document.
"""

import json
import os
import pathlib
import threading
import urllib.error
import urllib.parse
import urllib.request

MARKER = "http://lode-recording.invalid/"
ABBREVIATED_TYPE = "application/vnd.npm.install-v1+json"
INSTALL_SCRIPTS = ("preinstall", "install", "postinstall")
ABBREVIATED_FIELDS = (
    "name", "version", "dependencies", "optionalDependencies", "devDependencies",
    "peerDependencies", "peerDependenciesMeta", "bundleDependencies", "bin", "directories",
    "engines", "os", "cpu", "libc", "deprecated", "_hasShrinkwrap", "funding",
    "acceptDependencies",
)
UPSTREAM_TIMEOUT = 120


class UpstreamError(Exception):
    """The upstream registry failed in a way a client should see as a 502."""


def encode_name(name):
    return name.replace("/", "%2f")


def _write_atomically(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def abbreviate(document):
    """The abbreviated ("corgi") form of a full document, as the public registry derives it."""
    versions = {}
    for version, manifest in (document.get("versions") or {}).items():
        if not isinstance(manifest, dict):
            continue
        short = {field: manifest[field] for field in ABBREVIATED_FIELDS if field in manifest}
        if "bundleDependencies" not in short and "bundledDependencies" in manifest:
            short["bundleDependencies"] = manifest["bundledDependencies"]
        scripts = manifest.get("scripts")
        if (isinstance(scripts, dict) and any(s in scripts for s in INSTALL_SCRIPTS)) or manifest.get("gypfile"):
            short["hasInstallScript"] = True
        if "dist" in manifest:
            short["dist"] = manifest["dist"]
        versions[version] = short
    result = {"name": document.get("name"), "dist-tags": document.get("dist-tags", {}), "versions": versions}
    modified = document.get("modified") or (document.get("time") or {}).get("modified")
    if modified:
        result["modified"] = modified
    return result


def relink_tarballs(document, name):
    """Points every dist.tarball at MARKER; returns {file name: original URL}."""
    originals = {}
    for manifest in (document.get("versions") or {}).values():
        dist = manifest.get("dist") if isinstance(manifest, dict) else None
        if not isinstance(dist, dict) or not isinstance(dist.get("tarball"), str):
            continue
        original = dist["tarball"]
        file_name = urllib.parse.unquote(urllib.parse.urlsplit(original).path.rsplit("/", 1)[-1])
        originals[file_name] = original
        dist["tarball"] = f"{MARKER}{name}/-/{urllib.parse.quote(file_name)}"
    return originals


class Recording:
    def __init__(self, folder, upstream=None, auth=None):
        self.folder = pathlib.Path(folder)
        self.upstream = upstream.rstrip("/") + "/" if upstream else None
        self.auth = auth
        self.misses = []  # "document NAME" / "tarball NAME/FILE" not in the recording (replay mode)
        self.fetched = 0  # bodies fetched from upstream (record mode)
        self._refreshed = set()  # documents fetched in this session (record mode)
        self._lock = threading.Lock()
        self._key_locks = {}

    # -- paths ------------------------------------------------------------------

    def _document_path(self, name, kind):
        suffix = {"full": ".json", "corgi": ".corgi.json", "tarballs": ".tarballs.json"}[kind]
        return self.folder / "documents" / (encode_name(name) + suffix)

    def _tarball_path(self, name, file_name):
        if "/" in file_name or file_name.startswith("."):
            return None
        return self.folder / "tarballs" / encode_name(name) / file_name

    def _key_lock(self, key):
        with self._lock:
            return self._key_locks.setdefault(key, threading.Lock())

    def _miss(self, what):
        with self._lock:
            if len(self.misses) < 10_000:
                self.misses.append(what)

    # -- lookups ------------------------------------------------------------------

    def document(self, name, abbreviated):
        """The stored document bytes (with MARKER links), or None when it is not recorded."""
        kind = "corgi" if abbreviated else "full"
        path = self._document_path(name, kind)
        if self.upstream is not None:
            with self._key_lock(("document", name)):
                if name not in self._refreshed:
                    if not self._record_document(name):
                        return None
                    self._refreshed.add(name)
        elif not path.exists():
            self._miss(f"document {name}")
            return None
        return path.read_bytes()

    def tarball(self, name, file_name):
        """The stored tarball bytes, or None when it is not recorded."""
        path = self._tarball_path(name, file_name)
        if path is None:
            return None
        if not path.exists():
            if self.upstream is None:
                self._miss(f"tarball {name}/{file_name}")
                return None
            with self._key_lock(("tarball", name, file_name)):
                if not path.exists() and not self._record_tarball(name, file_name, path):
                    return None
        return path.read_bytes()

    # -- recording ------------------------------------------------------------------

    def _fetch(self, url, accept):
        request = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": "lode-recording"})
        if self.auth:
            request.add_header("Authorization", self.auth)
        try:
            with urllib.request.urlopen(request, timeout=UPSTREAM_TIMEOUT) as response:
                body = response.read()
        except urllib.error.HTTPError as e:
            if e.code == 404:
                return None
            raise UpstreamError(f"{url}: HTTP {e.code}") from None
        except (urllib.error.URLError, OSError) as e:
            raise UpstreamError(f"{url}: {getattr(e, 'reason', e)}") from None
        with self._lock:
            self.fetched += 1
        return body

    def _record_document(self, name):
        body = self._fetch(self.upstream + urllib.parse.quote(name, safe="@"), "application/json")
        if body is None:
            return False
        try:
            document = json.loads(body)
        except ValueError:
            raise UpstreamError(f"{self.upstream}{name}: the document is not JSON") from None
        originals = relink_tarballs(document, name)
        index = self._document_path(name, "tarballs")
        if index.exists():
            # Versions unpublished since an older session keep their recorded tarballs.
            originals = {**json.loads(index.read_bytes()), **originals}
        compact = {"separators": (",", ":"), "ensure_ascii": False}
        _write_atomically(self._document_path(name, "tarballs"), json.dumps(originals, **compact).encode())
        _write_atomically(self._document_path(name, "corgi"), json.dumps(abbreviate(document), **compact).encode())
        # The full document last: its presence means the other two are there.
        _write_atomically(self._document_path(name, "full"), json.dumps(document, **compact).encode())
        return True

    def _record_tarball(self, name, file_name, path):
        index = self._document_path(name, "tarballs")
        if not index.exists() and self.document(name, abbreviated=False) is None:
            return False
        original = json.loads(index.read_bytes()).get(file_name)
        if original is None:
            return False
        body = self._fetch(original, "application/octet-stream")
        if body is None:
            return False
        _write_atomically(path, body)
        return True

    def summary(self):
        with self._lock:
            return {"folder": str(self.folder), "recording": self.upstream is not None,
                    "fetched": self.fetched, "misses": list(self.misses)}
