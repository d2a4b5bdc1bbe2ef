#!/usr/bin/env python3
"""Runs the `run:` steps of the repository's action.yml here, as GitHub's runner would, for the
tests: inputs and `${{ … }}` expressions substituted, GITHUB_OUTPUT / GITHUB_PATH / RUNNER_TEMP
/ RUNNER_TOOL_CACHE provided, each step's outputs collected. `uses:` steps (actions/cache)
are skipped: they need GitHub. Stops at the first failing step, as the runner does.

Usage: run_action.py ACTION_YML WORKDIR key=value ... [--pr N] [--repository OWNER/NAME]
Prints {"status": N, "failed_step": NAME or null, "outputs": {...}, "steps": {...}}.
"""
import json, os, re, subprocess, sys, tempfile

import yaml

action_path, workdir = sys.argv[1], sys.argv[2]
inputs, context = {}, {"github.event.pull_request.number": "", "github.repository": "example/registry",
                       "github.token": "fake-token", "github.server_url": "https://github.com",
                       "github.action_repository || github.repository": "example/ecr-apply"}
for argument in sys.argv[3:]:
    key, _, value = argument.partition("=")
    if key.startswith("github."):
        context[key] = value
    else:
        inputs[key] = value
action = yaml.safe_load(open(action_path))
for name, spec in action["inputs"].items():
    inputs.setdefault(name, spec.get("default", ""))

temp = tempfile.mkdtemp()
tool_cache = os.environ.get("RUNNER_TOOL_CACHE") or os.path.join(temp, "tool-cache")
steps, path_additions = {}, []


def evaluate(expression):
    expression = expression.strip()
    if expression in context:
        return context[expression]
    match = re.fullmatch(r"inputs\.([\w-]+)", expression)
    if match:
        return substitute(str(inputs.get(match.group(1), "")))
    match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
    if match:
        return steps.get(match.group(1), {}).get(match.group(2), "")
    raise SystemExit(f"run_action.py: no value for ${{{{ {expression} }}}}")


def substitute(text):
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: evaluate(m.group(1)), text)


status, failed = 0, None
for index, step in enumerate(action["runs"]["steps"]):
    if "run" not in step:
        continue
    outputs_file = os.path.join(temp, f"output-{index}")
    path_file = os.path.join(temp, f"path-{index}")
    open(outputs_file, "w").close()
    open(path_file, "w").close()
    env = dict(os.environ, GITHUB_OUTPUT=outputs_file, GITHUB_PATH=path_file, RUNNER_TEMP=temp, RUNNER_TOOL_CACHE=tool_cache)
    env["PATH"] = ":".join(path_additions + [env.get("PATH", "/usr/bin:/bin")])
    for key, value in (step.get("env") or {}).items():
        env[key] = substitute(str(value))
    result = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step["run"]], cwd=workdir, env=env,
                            capture_output=True, text=True)
    sys.stderr.write(result.stdout + result.stderr)
    outputs = {}
    for line in open(outputs_file):
        key, _, value = line.rstrip("\n").partition("=")
        outputs[key] = value
    if step.get("id"):
        steps[step["id"]] = outputs
    path_additions = [line.strip() for line in open(path_file) if line.strip()] + path_additions
    if result.returncode != 0:
        status, failed = result.returncode, step.get("name")
        break

action_outputs = {name: substitute(spec["value"]) for name, spec in action.get("outputs", {}).items()}
print(json.dumps({"status": status, "failed_step": failed, "outputs": action_outputs, "steps": steps}))
