#!/usr/bin/env python3
"""Tests of the test registry (server.py): each starts the server as a subprocess on a
free port of 127.0.0.1, exactly as lode's C++ fixture does, and talks HTTP to it."""

import base64
import gzip
import hashlib
import http.client
import io
import json
import os
import pathlib
import select
import shutil
import ssl
import subprocess
import sys
import tarfile
import tempfile
import time
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER_PY = os.path.join(HERE, "server.py")
FIXTURES = os.path.normpath(os.path.join(HERE, "..", "fixtures", "registry"))
ABBREVIATED = "application/vnd.npm.install-v1+json"
NPM_ACCEPT = ABBREVIATED + "; q=1.0, application/json; q=0.8, */*"
TARBALL_MTIME = 499162500  # 1985-10-26T08:15:00Z

sys.path.insert(0, HERE)
import server as registry_server  # noqa: E402  (for the SemVer ordering)
import recording  # noqa: E402


class Server:
    """server.py on port 0; the base URL comes from its first stdout line."""

    def __init__(self, *args, packages=None):
        argv = [sys.executable, SERVER_PY, "--port", "0"]
        for directory in [FIXTURES] if packages is None else packages:
            argv += ["--packages", directory]
        argv += list(args)
        self.process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
        ready, _, _ = select.select([self.process.stdout], [], [], 20)
        line = self.process.stdout.readline().decode() if ready else ""
        if "http://" not in line and "https://" not in line:
            self.process.kill()
            _, err = self.process.communicate()
            raise AssertionError(f"the server did not start: {line!r} {err.decode()}")
        self.url = line[line.index("http"):].strip()
        parsed = urllib.parse.urlsplit(self.url)
        self.host, self.port = parsed.hostname, parsed.port

    def stop(self):
        """Stops the server with SIGTERM; its exit code. The server must have been quiet."""
        if self.process.stdout.closed:  # stopped before
            return self.process.returncode
        if self.process.poll() is None:
            self.process.terminate()
        try:
            code = self.process.wait(10)
            extra_out = self.process.stdout.read()
            err = self.process.stderr.read()
        finally:
            self.process.stdout.close()
            self.process.stderr.close()
        if extra_out or err:
            raise AssertionError(f"the server wrote more than its first line: {extra_out!r} {err!r}")
        return code

    def connect(self, timeout=10):
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method, path, headers=None, body=None, conn=None):
        """(status, {lower-case header: value}, body bytes) on a new connection (or conn)."""
        own = conn is None
        conn = conn or self.connect()
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            data = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data
        finally:
            if own:
                conn.close()

    def get(self, path, **headers):
        return self.request("GET", path, {k.replace("_", "-"): v for k, v in headers.items()})

    def json(self, path, **headers):
        status, _, body = self.get(path, **headers)
        if status != 200:
            raise AssertionError(f"GET {path} -> {status}: {body!r}")
        return json.loads(body)

    def set_faults(self, rules):
        status, _, body = self.request("POST", "/-/lode-test/faults", {"Content-Type": "application/json"},
                                       json.dumps(rules))
        if status != 200:
            raise AssertionError(f"POST faults -> {status}: {body!r}")
        return json.loads(body)

    def log(self):
        return self.json("/-/lode-test/requests")

    def clear_log(self):
        self.request("DELETE", "/-/lode-test/requests")


def path_of(url):
    return urllib.parse.urlsplit(url).path


def sri(data):
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def fixture_names():
    names = []
    for entry in sorted(os.listdir(FIXTURES)):
        full = os.path.join(FIXTURES, entry)
        if not os.path.isdir(full):
            continue
        if entry.startswith("@"):
            names += [f"{entry}/{sub}" for sub in sorted(os.listdir(full))]
        else:
            names.append(entry)
    return names


def write_package(root, name, version, manifest=None, files=None):
    folder = os.path.join(root, name, version)
    os.makedirs(folder, exist_ok=True)
    data = {"name": name, "version": version}
    data.update(manifest or {})
    with open(os.path.join(folder, "package.json"), "w") as f:
        json.dump(data, f)
    for rel, content in (files or {}).items():
        path = os.path.join(folder, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(content)
    return folder


class ServerCase(unittest.TestCase):
    """One server with the shared fixtures for the whole class."""

    server_args = ()

    @classmethod
    def setUpClass(cls):
        cls.server = Server(*cls.server_args)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()


class SemverOrderTest(unittest.TestCase):
    def test_semver_precedence(self):
        ordered = ["0.9.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                   "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0", "2.0.0"]
        shuffled = list(reversed(ordered))
        self.assertEqual(sorted(shuffled, key=registry_server.parse_version), ordered)
        with self.assertRaises(ValueError):
            registry_server.parse_version("1.0")


class DocumentTest(ServerCase):
    def test_full_document(self):
        status, headers, body = self.server.get("/left-pad")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/json")
        doc = json.loads(body)
        self.assertEqual(doc["_id"], "left-pad")
        self.assertEqual(doc["name"], "left-pad")
        self.assertEqual(doc["dist-tags"], {"latest": "1.3.0", "next": "2.0.0-beta.1"})
        self.assertEqual(list(doc["versions"]), ["1.0.0", "1.1.0", "1.3.0", "2.0.0-beta.1"])
        self.assertEqual(set(doc["time"]), {"created", "modified", "1.0.0", "1.1.0", "1.3.0", "2.0.0-beta.1"})
        self.assertEqual(doc["time"]["created"], doc["time"]["1.0.0"])
        self.assertEqual(doc["modified"], doc["time"]["modified"])
        self.assertLess(doc["time"]["1.0.0"], doc["time"]["1.1.0"])
        manifest = doc["versions"]["1.1.0"]
        self.assertEqual(manifest["_id"], "left-pad@1.1.0")
        self.assertEqual(manifest["main"], "index.js")
        self.assertEqual(manifest["description"], "String left pad (lode test fixture)")
        dist = manifest["dist"]
        self.assertEqual(dist["tarball"], self.server.url + "left-pad/-/left-pad-1.1.0.tgz")
        self.assertTrue(dist["integrity"].startswith("sha512-"))
        self.assertEqual(len(dist["shasum"]), 40)
        self.assertEqual(dist["fileCount"], 2)
        self.assertGreater(dist["unpackedSize"], 0)
        self.assertTrue(self.server.url.endswith("/"))

    def test_default_latest_is_highest_release(self):
        self.assertEqual(self.server.json("/is-number")["dist-tags"], {"latest": "7.0.0"})

    def test_abbreviated_document(self):
        status, headers, body = self.server.get("/with-install-script", Accept=NPM_ACCEPT)
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], ABBREVIATED)
        self.assertIn("Accept", headers["vary"])
        doc = json.loads(body)
        self.assertEqual(set(doc), {"name", "modified", "dist-tags", "versions"})
        manifest = doc["versions"]["1.0.0"]
        self.assertTrue(manifest["hasInstallScript"])
        self.assertNotIn("scripts", manifest)
        self.assertNotIn("main", manifest)
        self.assertNotIn("_id", manifest)
        allowed = set(registry_server.ABBREVIATED_FIELDS) | {"dist", "deprecated", "hasInstallScript", "_hasShrinkwrap"}
        for name in fixture_names():
            for version, manifest in self.server.json("/" + name, Accept=ABBREVIATED)["versions"].items():
                self.assertLessEqual(set(manifest), allowed, f"{name}@{version}")
                self.assertEqual(manifest["version"], version)
        native = self.server.json("/optional-native-linux-x64", Accept=ABBREVIATED)["versions"]["1.0.0"]
        self.assertEqual((native["os"], native["cpu"]), (["linux"], ["x64"]))
        plugin = self.server.json("/peer-plugin", Accept=ABBREVIATED)["versions"]["1.0.0"]
        self.assertEqual(plugin["peerDependencies"], {"peer-host": "^1.0.0"})
        self.assertNotIn("hasInstallScript", plugin)

    def test_deprecated(self):
        full = self.server.json("/deprecated-pkg")["versions"]["1.0.0"]
        short = self.server.json("/deprecated-pkg", Accept=ABBREVIATED)["versions"]["1.0.0"]
        self.assertIn("no longer maintained", full["deprecated"])
        self.assertEqual(short["deprecated"], full["deprecated"])
        self.assertNotIn("deprecated", self.server.json("/left-pad")["versions"]["1.0.0"])

    def test_scoped_encodings(self):
        bodies = set()
        for path in ("/@lode-test%2fscoped", "/@lode-test%2Fscoped", "/@lode-test/scoped", "/%40lode-test%2fscoped"):
            status, _, body = self.server.get(path)
            self.assertEqual(status, 200, path)
            bodies.add(body)
        self.assertEqual(len(bodies), 1)
        doc = json.loads(bodies.pop())
        self.assertEqual(doc["name"], "@lode-test/scoped")
        manifest = doc["versions"]["1.1.0"]
        self.assertEqual(manifest["_id"], "@lode-test/scoped@1.1.0")
        self.assertEqual(manifest["dependencies"], {"left-pad": "^1.0.0"})
        self.assertEqual(manifest["dist"]["tarball"], self.server.url + "@lode-test/scoped/-/scoped-1.1.0.tgz")
        status, _, tarball = self.server.get(path_of(manifest["dist"]["tarball"]))
        self.assertEqual(status, 200)
        self.assertEqual(sri(tarball), manifest["dist"]["integrity"])
        status, _, _ = self.server.get("/@lode-test%2fscoped/-/scoped-1.1.0.tgz")
        self.assertEqual(status, 200)

    def test_version_and_tag_manifests(self):
        self.assertEqual(self.server.json("/left-pad/1.1.0")["_id"], "left-pad@1.1.0")
        self.assertEqual(self.server.json("/left-pad/latest")["version"], "1.3.0")
        self.assertEqual(self.server.json("/left-pad/next")["version"], "2.0.0-beta.1")
        self.assertEqual(self.server.json("/@lode-test%2fscoped/1.0.0")["version"], "1.0.0")

    def test_every_tarball_matches_its_document(self):
        for name in fixture_names():
            doc = self.server.json("/" + urllib.parse.quote(name, safe="@"))
            for version, manifest in doc["versions"].items():
                dist = manifest["dist"]
                status, headers, data = self.server.get(path_of(dist["tarball"]))
                self.assertEqual(status, 200, dist["tarball"])
                self.assertEqual(headers["content-type"], "application/octet-stream")
                self.assertEqual(sri(data), dist["integrity"])
                self.assertEqual(hashlib.sha1(data).hexdigest(), dist["shasum"])
                self.assertEqual(data[:2], b"\x1f\x8b")
                self.assertEqual(data[4:8], b"\0\0\0\0", "gzip mtime must be 0")
                files = 0
                size = 0
                with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
                    members = tar.getmembers()
                    for member in members:
                        self.assertTrue(member.name.startswith("package/"), member.name)
                        self.assertEqual(member.mtime, TARBALL_MTIME)
                        self.assertEqual((member.uid, member.gid, member.uname, member.gname), (0, 0, "", ""))
                        if member.isfile():
                            files += 1
                            size += member.size
                            self.assertIn(member.mode, (0o644, 0o755))
                        else:
                            self.assertTrue(member.isdir())
                            self.assertEqual(member.mode, 0o755)
                    names = [m.name for m in members]
                    self.assertEqual(names, sorted(names, key=lambda n: n.split("/")))
                    packaged = json.load(tar.extractfile("package/package.json"))
                self.assertEqual(packaged["name"], name)
                self.assertEqual(packaged["version"], version)
                self.assertEqual(dist["fileCount"], files)
                self.assertEqual(dist["unpackedSize"], size)

    def test_tarball_modes(self):
        def modes(path):
            _, _, data = self.server.get(path)
            with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
                return {m.name: m.mode for m in tar.getmembers()}

        self.assertEqual(modes("/with-bin/-/with-bin-1.0.0.tgz"), {
            "package/cli.js": 0o755, "package/index.js": 0o644, "package/package.json": 0o644})
        # run.js is not executable in the fixture; it is 0755 because "bin" names it.
        # (tarfile reports the folder entry "package/bin/" without its slash)
        self.assertEqual(modes("/with-bin-string/-/with-bin-string-1.0.0.tgz"), {
            "package/bin": 0o755, "package/bin/run.js": 0o755, "package/index.js": 0o644,
            "package/package.json": 0o644})

    def test_etag_and_if_none_match(self):
        for path in ("/left-pad", "/left-pad/-/left-pad-1.0.0.tgz"):
            status, headers, body = self.server.get(path)
            etag = headers["etag"]
            self.assertTrue(etag.startswith('"') and etag.endswith('"'), etag)
            status, headers304, body304 = self.server.get(path, If_None_Match=etag)
            self.assertEqual(status, 304, path)
            self.assertEqual(body304, b"")
            self.assertEqual(headers304["etag"], etag)
            status, _, _ = self.server.get(path, If_None_Match='"something-else"')
            self.assertEqual(status, 200)
            status, _, _ = self.server.get(path, If_None_Match=f'"x", W/{etag}')
            self.assertEqual(status, 304)
        # Abbreviated and full documents are different representations.
        _, full, _ = self.server.get("/left-pad")
        _, short, _ = self.server.get("/left-pad", Accept=ABBREVIATED)
        self.assertNotEqual(full["etag"], short["etag"])

    def test_if_modified_since(self):
        _, headers, _ = self.server.get("/left-pad")
        last_modified = headers["last-modified"]
        self.assertEqual(headers["cache-control"], "public, max-age=300")
        status, _, body = self.server.get("/left-pad", If_Modified_Since=last_modified)
        self.assertEqual((status, body), (304, b""))
        status, _, _ = self.server.get("/left-pad", If_Modified_Since="Tue, 01 Jan 2019 00:00:00 GMT")
        self.assertEqual(status, 200)
        # If-None-Match wins over If-Modified-Since.
        status, _, _ = self.server.get("/left-pad", If_Modified_Since=last_modified, If_None_Match='"nope"')
        self.assertEqual(status, 200)

    def test_gzip(self):
        _, _, plain = self.server.get("/left-pad")
        status, headers, body = self.server.get("/left-pad", Accept_Encoding="gzip, deflate")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-encoding"], "gzip")
        self.assertEqual(int(headers["content-length"]), len(body))
        self.assertEqual(gzip.decompress(body), plain)
        status, headers, _ = self.server.get("/left-pad", Accept_Encoding="gzip;q=0")
        self.assertNotIn("content-encoding", headers)
        # Tarballs are gzip already and are sent as they are.
        _, headers, data = self.server.get("/left-pad/-/left-pad-1.0.0.tgz", Accept_Encoding="gzip")
        self.assertNotIn("content-encoding", headers)
        self.assertEqual(data[:2], b"\x1f\x8b")

    def test_head(self):
        for path in ("/left-pad", "/left-pad/-/left-pad-1.0.0.tgz"):
            _, get_headers, body = self.server.get(path)
            status, headers, head_body = self.server.request("HEAD", path)
            self.assertEqual(status, 200)
            self.assertEqual(head_body, b"")
            self.assertEqual(int(headers["content-length"]), len(body))
            self.assertEqual(headers["etag"], get_headers["etag"])

    def test_not_found(self):
        for path in ("/no-such-package", "/left-pad/9.9.9", "/left-pad/-/left-pad-9.9.9.tgz",
                     "/@lode-test%2fnope", "/-/whatever", "/"):
            status, headers, body = self.server.get(path)
            self.assertEqual(status, 404, path)
            self.assertEqual(headers["content-type"], "application/json")
            self.assertEqual(json.loads(body), {"error": "Not found"})

    def test_method_not_allowed_keeps_connection(self):
        conn = self.server.connect()
        try:
            status, headers, _ = self.server.request("PUT", "/left-pad", {"Content-Type": "application/json"},
                                                     b'{"name": "left-pad"}', conn=conn)
            self.assertEqual(status, 405)
            self.assertIn("GET", headers["allow"])
            status, _, _ = self.server.request("DELETE", "/left-pad/-/left-pad-1.0.0.tgz", conn=conn)
            self.assertEqual(status, 405)
            for _ in range(3):  # the same connection keeps working (keep-alive)
                status, _, _ = self.server.request("GET", "/left-pad", conn=conn)
                self.assertEqual(status, 200)
        finally:
            conn.close()

    def test_ping(self):
        status, headers, body = self.server.get("/-/ping")
        self.assertEqual((status, json.loads(body)), (200, {}))


class DeterminismTest(unittest.TestCase):
    def test_tarballs_identical_across_runs(self):
        def everything(server):
            result = {}
            for name in fixture_names():
                doc = server.json("/" + name)
                for version, manifest in doc["versions"].items():
                    result[(name, version)] = server.get(path_of(manifest["dist"]["tarball"]))[2]
            return result

        first = Server()
        try:
            a = everything(first)
        finally:
            first.stop()
        second = Server()
        try:
            b = everything(second)
        finally:
            second.stop()
        self.assertEqual(a.keys(), b.keys())
        for key in a:
            self.assertEqual(a[key], b[key], key)


class OptionsTest(unittest.TestCase):
    def start(self, *args, **kwargs):
        server = Server(*args, **kwargs)
        self.addCleanup(server.stop)
        return server

    def test_no_abbreviated(self):
        server = self.start("--no-abbreviated")
        status, headers, body = server.get("/left-pad", Accept=NPM_ACCEPT)
        self.assertEqual(headers["content-type"], "application/json")
        self.assertIn("_id", json.loads(body))

    def test_max_age_and_no_gzip(self):
        server = self.start("--max-age", "7", "--no-gzip")
        _, headers, body = server.get("/left-pad", Accept_Encoding="gzip")
        self.assertEqual(headers["cache-control"], "public, max-age=7")
        self.assertNotIn("content-encoding", headers)
        json.loads(body)

    def test_tls(self):
        tls = os.path.join(os.path.dirname(FIXTURES), "tls")
        server = self.start("--tls-cert", os.path.join(tls, "server.pem"), "--tls-key", os.path.join(tls, "server-key.pem"))
        self.assertTrue(server.url.startswith("https://127.0.0.1:"), server.url)
        trusting = ssl.create_default_context(cafile=os.path.join(tls, "ca.pem"))
        conn = http.client.HTTPSConnection(server.host, server.port, timeout=10, context=trusting)
        status, _, body = server.request("GET", "/left-pad", conn=conn)
        conn.close()
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["name"], "left-pad")
        # A client that does not trust the CA gives up in the handshake; the server stays quiet.
        with self.assertRaises(ssl.SSLCertVerificationError):
            server.request("GET", "/left-pad", conn=http.client.HTTPSConnection(
                server.host, server.port, timeout=10, context=ssl.create_default_context()))

    def test_tls_needs_key_and_certificate(self):
        with self.assertRaises(AssertionError) as caught:
            Server("--tls-cert", "server.pem")
        self.assertIn("go together", str(caught.exception))

    def test_bearer_token(self):
        server = self.start("--token", "s3cret")
        for path in ("/left-pad", "/left-pad/-/left-pad-1.0.0.tgz", "/@lode-test%2fscoped", "/no-such-package"):
            status, headers, body = server.get(path)
            self.assertEqual(status, 401, path)
            self.assertIn("Bearer", headers["www-authenticate"])
            self.assertIn("error", json.loads(body))
            status, _, _ = server.get(path, Authorization="Bearer wrong")
            self.assertEqual(status, 401)
            status, _, _ = server.get(path, Authorization="Basic " + base64.b64encode(b"a:s3cret").decode())
            self.assertEqual(status, 401)
        status, _, _ = server.get("/left-pad", Authorization="Bearer s3cret")
        self.assertEqual(status, 200)
        status, _, _ = server.get("/left-pad/-/left-pad-1.0.0.tgz", Authorization="Bearer s3cret")
        self.assertEqual(status, 200)
        status, _, _ = server.get("/no-such-package", Authorization="Bearer s3cret")
        self.assertEqual(status, 404)
        # Control endpoints need no auth.
        self.assertEqual(server.get("/-/lode-test/requests")[0], 200)

    def test_basic_auth(self):
        server = self.start("--basic", "ann:pw")
        status, headers, _ = server.get("/left-pad")
        self.assertEqual(status, 401)
        self.assertIn("Basic", headers["www-authenticate"])
        wrong = "Basic " + base64.b64encode(b"ann:nope").decode()
        self.assertEqual(server.get("/left-pad", Authorization=wrong)[0], 401)
        right = "Basic " + base64.b64encode(b"ann:pw").decode()
        self.assertEqual(server.get("/left-pad", Authorization=right)[0], 200)

    def test_tarball_base_points_to_other_server(self):
        other = self.start()
        main = self.start("--token", "t0k", "--tarball-base", other.url)
        doc = main.json("/left-pad", Authorization="Bearer t0k")
        tarball = doc["versions"]["1.0.0"]["dist"]["tarball"]
        self.assertEqual(tarball, other.url + "left-pad/-/left-pad-1.0.0.tgz")
        status, _, data = other.get(path_of(tarball))  # no token needed over there
        self.assertEqual(status, 200)
        self.assertEqual(sri(data), doc["versions"]["1.0.0"]["dist"]["integrity"])
        self.assertEqual([e["path"] for e in other.log()], ["/left-pad/-/left-pad-1.0.0.tgz"])
        self.assertNotIn("authorization", other.log()[0]["headers"])

    def test_latency(self):
        server = self.start("--latency-ms", "150")
        start = time.monotonic()
        server.get("/left-pad")
        self.assertGreaterEqual(time.monotonic() - start, 0.14)

    def test_sigterm_exits_cleanly(self):
        server = Server()
        self.assertEqual(server.stop(), 0)

    def test_several_package_dirs_and_meta(self):
        with tempfile.TemporaryDirectory() as root:
            extra = os.path.join(root, "extra")
            write_package(extra, "extra-pkg", "1.0.0", files={"index.js": "module.exports = 1;\n"})
            write_package(extra, "extra-pkg", "2.0.0-rc.1", {"bundledDependencies": ["x"]})
            write_package(extra, "@extra/thing", "0.1.0", {"scripts": {"install": "true"}})
            with open(os.path.join(extra, "extra-pkg", "meta.json"), "w") as f:
                json.dump({"time": {"1.0.0": "2021-05-06T07:08:09.123Z", "modified": "2022-01-01T00:00:00.000Z"},
                           "deprecated": "all of it"}, f)
            only_pre = os.path.join(root, "pre")
            write_package(only_pre, "pre-only", "1.0.0-alpha.2")
            write_package(only_pre, "pre-only", "1.0.0-alpha.10")
            server = self.start(packages=[FIXTURES, extra, only_pre])
            doc = server.json("/extra-pkg")
            self.assertEqual(doc["time"]["1.0.0"], "2021-05-06T07:08:09.123Z")
            self.assertEqual(doc["time"]["modified"], "2022-01-01T00:00:00.000Z")
            self.assertEqual(doc["dist-tags"]["latest"], "1.0.0")
            self.assertEqual(doc["versions"]["2.0.0-rc.1"]["deprecated"], "all of it")
            _, headers, _ = server.get("/extra-pkg")
            self.assertEqual(headers["last-modified"], "Sat, 01 Jan 2022 00:00:00 GMT")
            short = server.json("/extra-pkg", Accept=ABBREVIATED)["versions"]["2.0.0-rc.1"]
            self.assertEqual(short["bundleDependencies"], ["x"])
            self.assertTrue(server.json("/@extra%2fthing", Accept=ABBREVIATED)["versions"]["0.1.0"]["hasInstallScript"])
            self.assertEqual(server.json("/pre-only")["dist-tags"]["latest"], "1.0.0-alpha.10")
            self.assertEqual(server.json("/left-pad")["dist-tags"]["latest"], "1.3.0")

    def test_bad_fixtures_fail_at_start(self):
        cases = [
            ("name", {"name": "other"}, "\"name\" is 'other'"),
            ("version", {"version": "1.0.1"}, "\"version\" is '1.0.1'"),
        ]
        for label, override, message in cases:
            with self.subTest(label), tempfile.TemporaryDirectory() as root:
                write_package(root, "pkg", "1.0.0", override)
                result = subprocess.run([sys.executable, SERVER_PY, "--port", "0", "--packages", root],
                                        stdin=subprocess.DEVNULL, capture_output=True, timeout=20)
                self.assertEqual(result.returncode, 2)
                self.assertEqual(result.stdout, b"")
                self.assertIn(message, result.stderr.decode())
        with tempfile.TemporaryDirectory() as root:
            write_package(root, "pkg", "1.0.0")
            with open(os.path.join(root, "pkg", "meta.json"), "w") as f:
                json.dump({"dist-tags": {"latest": "3.0.0"}}, f)
            result = subprocess.run([sys.executable, SERVER_PY, "--port", "0", "--packages", root],
                                    stdin=subprocess.DEVNULL, capture_output=True, timeout=20)
            self.assertEqual(result.returncode, 2)
            self.assertIn("3.0.0", result.stderr.decode())

    def test_faults_file(self):
        with tempfile.TemporaryDirectory() as root:
            path = os.path.join(root, "faults.json")
            with open(path, "w") as f:
                json.dump([{"path": "/left-pad", "action": "status", "status": 503}], f)
            server = self.start("--faults", path)
            self.assertEqual(server.get("/left-pad")[0], 503)
            self.assertEqual(server.get("/left-pad")[0], 200)


class FaultTest(ServerCase):
    def setUp(self):
        self.server.set_faults([])

    def tearDown(self):
        self.server.set_faults([])

    def test_status_times(self):
        rules = self.server.set_faults([{"path": "/left-pad", "action": "status", "status": 500, "times": 2}])
        self.assertEqual(rules[0]["times"], 2)
        conn = self.server.connect()
        try:
            statuses = [self.server.request("GET", "/left-pad", conn=conn)[0] for _ in range(3)]
        finally:
            conn.close()
        self.assertEqual(statuses, [500, 500, 200])
        current = self.server.json("/-/lode-test/faults")
        self.assertEqual((current[0]["times"], current[0]["used"]), (0, 2))

    def test_status_body_headers_method_and_prefix(self):
        self.server.set_faults([
            {"path": "/left-pad/-/*", "method": "GET", "action": "status", "status": 429,
             "body": "slow down", "headers": {"Retry-After": "1"}, "times": -1},
        ])
        self.assertEqual(self.server.get("/left-pad")[0], 200)
        self.assertEqual(self.server.request("HEAD", "/left-pad/-/left-pad-1.0.0.tgz")[0], 200)
        for _ in range(3):
            status, headers, body = self.server.get("/left-pad/-/left-pad-1.1.0.tgz")
            self.assertEqual((status, headers["retry-after"], body), (429, "1", b"slow down"))

    def test_prefix_matches_decoded_scoped_path(self):
        self.server.set_faults([{"path": "/@lode-test/scoped*", "action": "status", "status": 502, "times": 2}])
        self.assertEqual(self.server.get("/@lode-test%2fscoped")[0], 502)
        self.assertEqual(self.server.get("/@lode-test/scoped/-/scoped-1.0.0.tgz")[0], 502)
        self.assertEqual(self.server.get("/@lode-test%2fscoped")[0], 200)

    def test_delay(self):
        self.server.set_faults([{"path": "/left-pad", "action": "delay", "ms": 300}])
        start = time.monotonic()
        status, _, body = self.server.get("/left-pad")
        self.assertGreaterEqual(time.monotonic() - start, 0.29)
        self.assertEqual(status, 200)
        json.loads(body)

    def test_slow(self):
        _, _, expected = self.server.get("/left-pad")
        rate = len(expected) * 4  # about a quarter of a second
        self.server.set_faults([{"path": "/left-pad", "action": "slow", "bytes_per_second": rate}])
        start = time.monotonic()
        status, _, body = self.server.get("/left-pad")
        self.assertGreaterEqual(time.monotonic() - start, 0.2)
        self.assertEqual((status, body), (200, expected))

    def test_cut(self):
        path = "/left-pad/-/left-pad-1.0.0.tgz"
        _, _, full = self.server.get(path)
        self.server.set_faults([{"path": path, "action": "cut", "after_bytes": 100}])
        conn = self.server.connect()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            self.assertEqual(response.status, 200)
            self.assertEqual(int(response.getheader("Content-Length")), len(full))
            with self.assertRaises(http.client.IncompleteRead) as caught:
                response.read()
            self.assertEqual(caught.exception.partial, full[:100])
        finally:
            conn.close()
        self.assertEqual(self.server.get(path)[2], full)

    def test_reset(self):
        self.server.set_faults([{"path": "/left-pad", "action": "reset"}])
        with self.assertRaises(ConnectionError):  # RemoteDisconnected or ECONNRESET
            self.server.get("/left-pad")
        self.assertEqual(self.server.get("/left-pad")[0], 200)

    def test_corrupt(self):
        doc = self.server.json("/left-pad")
        dist = doc["versions"]["1.3.0"]["dist"]
        path = path_of(dist["tarball"])
        _, good_headers, good = self.server.get(path)
        self.server.set_faults([{"path": path, "action": "corrupt"}])
        status, headers, bad = self.server.get(path)
        self.assertEqual(status, 200)
        self.assertEqual(len(bad), len(good))
        self.assertEqual(headers["etag"], good_headers["etag"])
        self.assertNotEqual(sri(bad), dist["integrity"])
        self.assertEqual(sri(self.server.get(path)[2]), dist["integrity"])

    def test_invalid_rules_are_rejected(self):
        for rules in ([{"path": "/x", "action": "explode"}], [{"action": "reset"}],
                      [{"path": "/x", "action": "status"}], {"path": "/x"},
                      [{"path": "/x", "action": "cut", "after_bytes": -1}]):
            status, _, body = self.server.request("POST", "/-/lode-test/faults", body=json.dumps(rules))
            self.assertEqual(status, 400, rules)
            self.assertIn("error", json.loads(body))
        self.assertEqual(self.server.json("/-/lode-test/faults"), [])


class RequestLogTest(ServerCase):
    server_args = ("--token", "abc")

    def test_log_and_clear(self):
        self.server.clear_log()
        self.server.get("/left-pad", Authorization="Bearer abc", Accept=NPM_ACCEPT, User_Agent="lode/0 test",
                        Npm_Command="install", Accept_Encoding="gzip")
        self.server.get("/left-pad/-/left-pad-1.0.0.tgz", If_None_Match='"x"')
        self.server.request("HEAD", "/@lode-test%2fscoped", {"Authorization": "Bearer abc"})
        log = self.server.log()
        self.assertEqual([(e["method"], e["path"], e["status"]) for e in log], [
            ("GET", "/left-pad", 200),
            ("GET", "/left-pad/-/left-pad-1.0.0.tgz", 401),
            ("HEAD", "/@lode-test%2fscoped", 200),
        ])
        self.assertEqual(log[0]["headers"], {
            "authorization": "Bearer abc", "accept": NPM_ACCEPT, "accept-encoding": "gzip",
            "user-agent": "lode/0 test", "npm-command": "install"})
        # (http.client sends "Accept-Encoding: identity" when it is not given)
        self.assertEqual(log[1]["headers"], {"if-none-match": '"x"', "accept-encoding": "identity"})
        self.server.clear_log()
        self.assertEqual(self.server.log(), [])

    def test_faults_are_logged(self):
        self.server.clear_log()
        self.server.set_faults([{"path": "/is-number", "action": "status", "status": 500}])
        self.server.get("/is-number")
        self.assertEqual([(e["status"], e.get("fault")) for e in self.server.log()], [(500, "status")])
        self.server.set_faults([])


class RecordingTest(unittest.TestCase):
    """--recording DIR --upstream URL records what clients ask for; --recording DIR alone
    replays it, byte for byte, with tarball links pointing at the replaying server."""

    def start(self, *args, **kwargs):
        server = Server(*args, **kwargs)
        self.addCleanup(server.stop)
        return server

    def folder(self):
        path = tempfile.mkdtemp(prefix="lode-recording-")
        self.addCleanup(shutil.rmtree, path, ignore_errors=True)
        return path

    def test_record_then_replay(self):
        upstream = self.start()
        folder = self.folder()
        recorder = self.start("--recording", folder, "--upstream", upstream.url, packages=[])
        full = recorder.json("/left-pad")
        short = recorder.json("/@lode-test%2fscoped", Accept=NPM_ACCEPT)
        tarball = full["versions"]["1.0.0"]["dist"]["tarball"]
        self.assertEqual(tarball, recorder.url + "left-pad/-/left-pad-1.0.0.tgz")
        status, _, data = recorder.get(path_of(tarball))
        self.assertEqual((status, sri(data)), (200, full["versions"]["1.0.0"]["dist"]["integrity"]))
        self.assertEqual(recorder.get("/no-such-package")[0], 404)
        self.assertEqual(recorder.json("/-/lode-test/recording")["misses"], [])
        upstream_paths = sorted({e["path"] for e in upstream.log()})
        self.assertIn("/left-pad/-/left-pad-1.0.0.tgz", upstream_paths)

        upstream.stop()  # the replay must not need it
        replay = self.start("--recording", folder, packages=[])
        again = replay.json("/left-pad")
        self.assertEqual(again["versions"]["1.0.0"]["dist"]["tarball"],
                         replay.url + "left-pad/-/left-pad-1.0.0.tgz")
        self.assertEqual(json.dumps(again).replace(replay.url, "X"), json.dumps(full).replace(recorder.url, "X"))
        status, headers, body = replay.get("/@lode-test%2fscoped", Accept=NPM_ACCEPT)
        self.assertEqual((status, headers["content-type"]), (200, ABBREVIATED))
        self.assertEqual(json.loads(body)["versions"].keys(), short["versions"].keys())
        self.assertNotIn("readme", json.loads(body))
        status, _, again_data = replay.get("/left-pad/-/left-pad-1.0.0.tgz")
        self.assertEqual((status, again_data), (200, data))
        status, headers, _ = replay.get("/left-pad", If_None_Match=again_etag(replay))
        self.assertEqual(status, 304)

        self.assertEqual(replay.get("/is-number")[0], 404)  # never recorded
        self.assertEqual(replay.get("/left-pad/-/left-pad-9.9.9.tgz")[0], 404)
        self.assertEqual(replay.json("/-/lode-test/recording")["misses"],
                         ["document is-number", "tarball left-pad/left-pad-9.9.9.tgz"])

    def test_a_session_refreshes_documents_once(self):
        upstream = self.start()
        folder = self.folder()
        first = self.start("--recording", folder, "--upstream", upstream.url, packages=[])
        versions = set(first.json("/left-pad")["versions"])
        first.stop()
        # Make the stored copy look like an older moment of the registry.
        stored = pathlib.Path(folder) / "documents" / "left-pad.json"
        old = json.loads(stored.read_text())
        del old["versions"][sorted(versions)[-1]]
        stored.write_text(json.dumps(old))

        upstream.clear_log()
        second = self.start("--recording", folder, "--upstream", upstream.url, packages=[])
        self.assertEqual(set(second.json("/left-pad")["versions"]), versions)
        self.assertEqual(set(second.json("/left-pad", Accept=NPM_ACCEPT)["versions"]), versions)
        self.assertEqual([e["path"] for e in upstream.log()], ["/left-pad"])

    def test_abbreviated_form(self):
        document = {"name": "p", "dist-tags": {"latest": "1.0.0"}, "readme": "long",
                    "time": {"modified": "2024-01-01T00:00:00.000Z"},
                    "versions": {"1.0.0": {"name": "p", "version": "1.0.0", "description": "d",
                                           "scripts": {"postinstall": "x", "test": "y"},
                                           "dependencies": {"q": "^1"}, "bundledDependencies": ["q"],
                                           "dist": {"tarball": "https://r.example/p/-/p-1.0.0.tgz"}}}}
        originals = recording.relink_tarballs(document, "p")
        self.assertEqual(originals, {"p-1.0.0.tgz": "https://r.example/p/-/p-1.0.0.tgz"})
        short = recording.abbreviate(document)
        self.assertEqual(short, {"name": "p", "dist-tags": {"latest": "1.0.0"},
                                 "modified": "2024-01-01T00:00:00.000Z",
                                 "versions": {"1.0.0": {"name": "p", "version": "1.0.0",
                                                        "dependencies": {"q": "^1"},
                                                        "bundleDependencies": ["q"], "hasInstallScript": True,
                                                        "dist": {"tarball": recording.MARKER + "p/-/p-1.0.0.tgz"}}}})

    def test_upstream_failure_is_a_502(self):
        upstream = self.start()
        upstream.set_faults([{"path": "/left-pad", "action": "status", "status": 500}])
        folder = self.folder()
        recorder = self.start("--recording", folder, "--upstream", upstream.url, packages=[])
        status, _, body = recorder.get("/left-pad")
        self.assertEqual(status, 502)
        self.assertIn(b"HTTP 500", body)
        self.assertEqual(os.listdir(folder), [])  # nothing half-written

    def test_replay_needs_a_recording(self):
        with self.assertRaises(AssertionError) as caught:
            Server("--recording", self.folder(), packages=[])
        self.assertIn("not a recording", str(caught.exception))

    def test_bandwidth_is_shared(self):
        server = self.start("--bandwidth-mbit", "0.8")  # 100 kB/s over all connections
        _, _, expected = server.get("/left-pad")
        started = time.monotonic()
        for _ in range(4):
            status, _, body = server.get("/left-pad")
            self.assertEqual((status, body), (200, expected))
        self.assertGreaterEqual(time.monotonic() - started, 4 * len(expected) / 100_000 * 0.9)


def again_etag(server):
    return server.get("/left-pad")[1]["etag"]


if __name__ == "__main__":
    unittest.main(verbosity=2)
