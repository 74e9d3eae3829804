#!/usr/bin/env python3
"""An independent TAXII 2.1 client: raw HTTP per the OASIS specification, standard library only.

Written from the specification (not from atlas-ops' code) to check that a client that knows nothing of the server
can discover, page through, filter, add to and delete from it. HTTP Basic with an API token as the password.

usage: taxii21_client.py BASE_URL USER TOKEN COLLECTION_ALIAS
Prints one line per check; exits 1 at the first failure, naming it.
"""
import base64
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

TAXII = "application/taxii+json;version=2.1"


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)
    print("ok   " + msg)


class Client:
    def __init__(self, base, user, token):
        self.base = base.rstrip("/")
        self.auth = "Basic " + base64.b64encode((user + ":" + token).encode()).decode()

    def call(self, method, url, body=None, accept=TAXII, content_type=TAXII):
        if not url.startswith("http"):
            url = self.base + url
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(url, data=data, method=method)
        req.add_header("Accept", accept)
        req.add_header("Authorization", self.auth)
        if data is not None:
            req.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                raw = r.read()
                return r.status, dict(r.headers), (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                parsed = json.loads(raw) if raw else None
            except ValueError:
                parsed = raw.decode(errors="replace")
            return e.code, dict(e.headers), parsed


def main():
    base, user, token, alias = sys.argv[1:5]
    c = Client(base, user, token)

    status, headers, discovery = c.call("GET", "/taxii2/")
    check(status == 200 and headers.get("Content-Type", "").startswith("application/taxii+json"),
          "discovery answers 200 as application/taxii+json")
    check(isinstance(discovery.get("api_roots"), list) and discovery["api_roots"], "discovery lists api_roots")
    team = [r for r in discovery["api_roots"] if r.rstrip("/").endswith("/team")]
    check(len(team) == 1, "one API root is the team's")
    root = team[0]

    status, _, info = c.call("GET", root)
    check(status == 200 and TAXII in info.get("versions", []) and info.get("max_content_length", 0) > 0,
          "API root information names TAXII 2.1 and max_content_length")

    status, _, cols = c.call("GET", root + "collections/")
    found = [x for x in cols.get("collections", []) if x.get("alias") == alias]
    check(status == 200 and len(found) == 1 and found[0]["can_write"], "the collection is listed and writable")
    col = root + "collections/" + found[0]["id"] + "/"

    ids = []
    objects = []
    for i in range(25):
        oid = "indicator--" + str(uuid.uuid4())
        ids.append(oid)
        objects.append({"type": "indicator", "spec_version": "2.1", "id": oid,
                        "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z",
                        "name": "python client %d" % i, "pattern": "[url:value = 'http://x.example/%d']" % i,
                        "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z"})
    status, _, st = c.call("POST", col + "objects/", {"objects": objects})
    check(status == 202 and st.get("id"), "POST answers 202 with a status resource")
    deadline = time.time() + 30
    while st.get("status") != "complete" and time.time() < deadline:
        time.sleep(0.2)
        _, _, st = c.call("GET", root + "status/" + st["id"] + "/")
    check(st.get("status") == "complete" and st.get("success_count") == 25, "the status completes with 25 successes")

    seen = []
    url = col + "objects/?limit=7&match[type]=indicator"
    pages = 0
    while True:
        status, headers, env = c.call("GET", url)
        if status != 200:
            fail("objects page answered %s: %s" % (status, env))
        pages += 1
        seen += [o["id"] for o in env.get("objects", [])]
        if not env.get("more"):
            break
        check("X-TAXII-Date-Added-Last" in headers or "x-taxii-date-added-last" in {k.lower() for k in headers},
              "page %d carries X-TAXII-Date-Added-Last" % pages)
        url = col + "objects/?limit=7&match[type]=indicator&next=" + urllib.parse.quote(env["next"])
    mine = [i for i in seen if i in ids]
    check(len(mine) == 25 and len(set(seen)) == len(seen), "paging with limit=7 returns each object once")

    status, _, man = c.call("GET", col + "manifest/?match[id]=" + ids[0])
    check(status == 200 and man["objects"][0]["id"] == ids[0] and man["objects"][0]["media_type"].startswith(
        "application/stix+json"), "the manifest describes one object by match[id]")

    newer = dict(objects[0], modified="2026-02-01T00:00:00.000Z", name="python client, second version")
    c.call("POST", col + "objects/", {"objects": [newer]})
    status, _, vers = c.call("GET", col + "objects/" + ids[0] + "/versions/")
    check(status == 200 and len(vers.get("versions", [])) == 2, "the object has two versions")
    status, _, env = c.call("GET", col + "objects/" + ids[0] + "/?match[version]=first")
    check(env["objects"][0]["name"] == "python client 0", "match[version]=first returns the first version")
    status, _, env = c.call("GET", col + "objects/" + ids[0] + "/")
    check(env["objects"][0]["name"] == "python client, second version", "the default is the last version")

    status, _, err = c.call("GET", col + "objects/", accept="application/json")
    check(status == 406 and "title" in err and "http_status" in err, "a wrong Accept is 406 in the TAXII error shape")
    status, _, err = c.call("POST", col + "objects/", {"objects": []}, content_type="application/json")
    check(status == 415, "a wrong Content-Type is 415")

    status, _, _ = c.call("DELETE", col + "objects/" + ids[0] + "/")
    check(status == 200, "DELETE answers 200")
    status, _, _ = c.call("GET", col + "objects/" + ids[0] + "/")
    check(status == 404, "the deleted object is gone")
    print("PASS")


if __name__ == "__main__":
    main()
