"""The recorded registry of bench/data/registry, served by the test registry server
(tests/registry_server/server.py --recording) on 127.0.0.1 for one part of a run."""
import json
import subprocess
import sys
import urllib.request

from common import BenchError, DATA, ROOT

SERVER = ROOT / "tests" / "registry_server" / "server.py"
RECORDING = DATA / "registry"


class RecordedRegistry:
    """A running server; `with RecordedRegistry(...) as registry:` gives registry.url.

    upstream: record what is missing from that registry; latency_ms and bandwidth_mbit
    shape the network as pnpm's benchmark does (50 ms, 200 Mbit/s)."""

    def __init__(self, upstream=None, latency_ms=0, bandwidth_mbit=0, port=0):
        self.args = [sys.executable, str(SERVER), "--recording", str(RECORDING), "--port", str(port)]
        if upstream:
            self.args += ["--upstream", upstream]
        if latency_ms:
            self.args += ["--latency-ms", str(latency_ms)]
        if bandwidth_mbit:
            self.args += ["--bandwidth-mbit", str(bandwidth_mbit)]
        self.process = None
        self.url = None

    def __enter__(self):
        RECORDING.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=sys.stderr, text=True)
        line = self.process.stdout.readline()
        if "http://" not in line:
            self.process.kill()
            raise BenchError(f"the recorded registry did not start ({' '.join(self.args)})")
        self.url = line[line.index("http://"):].strip()
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(10)

    def summary(self):
        with urllib.request.urlopen(self.url + "-/lode-test/recording") as response:
            return json.load(response)

    def requests(self):
        with urllib.request.urlopen(self.url + "-/lode-test/requests") as response:
            return json.load(response)

    def clear_requests(self):
        request = urllib.request.Request(self.url + "-/lode-test/requests", method="DELETE")
        urllib.request.urlopen(request).read()
