# Runs Debian's AWS CLI (the awscli package's own entry point, as
# /usr/bin/aws does) once per JSON line read from stdin, in one Python
# process: {"env": {...}, "args": [...]} in, {"stdout", "stderr", "code"}
# out. Starting Python and loading the CLI take most of a second; the
# tests that drive many commands pay that once.
import contextlib
import io
import json
import os
import sys

import awscli.clidriver  # sets AWS_DATA_PATH, which the CLI needs

base = dict(os.environ)
for line in sys.stdin:
    req = json.loads(line)
    os.environ.clear()
    os.environ.update(base)
    for k in [k for k in os.environ if k.startswith("AWS_") and k != "AWS_DATA_PATH"]:
        del os.environ[k]
    os.environ.update(req["env"])
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = awscli.clidriver.AWSCLIEntryPoint().main(req["args"])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
    sys.__stdout__.write(json.dumps({"stdout": out.getvalue(), "stderr": err.getvalue(), "code": code}) + "\n")
    sys.__stdout__.flush()
