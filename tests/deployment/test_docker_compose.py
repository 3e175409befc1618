"""docker-compose.yml, docker/Dockerfile and .env.example agree and hold no default secrets.

Runs `docker-compose config`, which validates and resolves the file without a Docker engine
(Debian's docker-compose 1.29 does; so does Compose v2). It is deliberately not skipped when
the tool is missing: run scripts/install-test-tools.sh (`make test` does).
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.support import PROJECT_ROOT

ROOT = PROJECT_ROOT
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERFILE = ROOT / "docker" / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"

# Every secret compose needs, each of which must come from .env with no default.
REQUIRED_SECRETS = (
    "POSTGRES_PASSWORD",
    "AIRFLOW_FERNET_KEY",
    "AIRFLOW_JWT_SECRET",
    "AIRFLOW_API_SECRET_KEY",
    "ONESTOP_PSEUDONYM_SECRET",
)

AIRFLOW_SERVICES = (
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
)
ALL_SERVICES = {"postgres", "airflow-init", "site", *AIRFLOW_SERVICES}
LONG_RUNNING = ("postgres", "site", *AIRFLOW_SERVICES)
SITE_CONF = ROOT / "docker" / "nginx-site.conf"

TEST_VALUES = {
    "POSTGRES_PASSWORD": "test-only-pg-9f2c41",
    "AIRFLOW_FERNET_KEY": base64.urlsafe_b64encode(b"test-only-fernet-key-32-bytes!!!").decode(),
    "AIRFLOW_JWT_SECRET": "test-only-jwt-5be7d0",
    "AIRFLOW_API_SECRET_KEY": "test-only-api-key-0c6a93",
    "ONESTOP_PSEUDONYM_SECRET": "test-only-pseudonym-77e1aa",
    "AIRFLOW_UID": "50000",
}

# Environment-variable names whose values are secrets, in any service (a *_FILE or *_PATH
# setting names where a secret lives, not the secret).
SECRET_NAME = re.compile(
    r"^(?!.*_(FILE|PATH)$).*(PASSWORD|SECRET|FERNET|TOKEN|_KEY$|SQL_ALCHEMY_CONN)"
)


def _docker_compose() -> str:
    exe = shutil.which("docker-compose")
    if exe is None:
        pytest.fail(
            "`docker-compose` is not on PATH, so docker-compose.yml cannot be validated. "
            "Run scripts/install-test-tools.sh (it installs Debian's docker-compose package; "
            "`make test` runs it for you).",
            pytrace=False,
        )
    return exe


def _run_config(tmp_path: Path, values: dict[str, str], *extra: str) -> subprocess.CompletedProcess:
    """`docker-compose config` with exactly `values` as the env file and a scrubbed environment."""
    env_file = tmp_path / "test.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in values.items()), encoding="utf-8")
    # Nothing from the caller's environment leaks in: not a CI secret, not COMPOSE_FILE, and
    # (because of --env-file) not a developer's own .env.
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LC_ALL": "C.UTF-8",
    }
    return subprocess.run(
        [
            _docker_compose(),
            "--project-directory",
            str(ROOT),
            "--file",
            str(COMPOSE_FILE),
            "--env-file",
            str(env_file),
            "config",
            *extra,
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def resolved(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The configuration as compose resolves it (anchors merged, variables interpolated)."""
    result = _run_config(tmp_path_factory.mktemp("compose"), TEST_VALUES)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def _env(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):  # KEY=VALUE list form
        env = dict(item.split("=", 1) for item in env)
    return {k: "" if v is None else str(v) for k, v in env.items()}


def _volumes(service: dict) -> dict[str, tuple[str, bool]]:
    """container path -> (source, read_only), for short and long volume syntax."""
    out = {}
    for vol in service.get("volumes") or []:
        if isinstance(vol, str):
            parts = vol.split(":")
            source, target = parts[0], parts[1]
            out[target] = (source, len(parts) > 2 and "ro" in parts[2].split(","))
        else:
            out[vol["target"]] = (vol.get("source", ""), bool(vol.get("read_only")))
    return out


def _healthcheck_text(service: dict) -> str:
    test = (service.get("healthcheck") or {}).get("test")
    return " ".join(test) if isinstance(test, list) else str(test or "")


# --- docker-compose config: passes with the values set, fails clearly without them -------------


def test_config_is_valid_with_every_required_variable(tmp_path: Path) -> None:
    result = _run_config(tmp_path, TEST_VALUES, "-q")
    assert result.returncode == 0, result.stderr
    # docker-compose warns (and substitutes "") for a ${VAR} that is neither set nor defaulted.
    assert "is not set" not in result.stderr, result.stderr


@pytest.mark.parametrize("missing", REQUIRED_SECRETS)
def test_config_fails_naming_an_unset_secret(tmp_path: Path, missing: str) -> None:
    values = {k: v for k, v in TEST_VALUES.items() if k != missing}
    result = _run_config(tmp_path, values, "-q")
    assert result.returncode != 0, f"compose accepted a configuration without {missing}"
    message = result.stdout + result.stderr
    assert f"set {missing} in .env" in message, message


def test_config_fails_when_pseudonym_secret_is_empty(tmp_path: Path) -> None:
    result = _run_config(tmp_path, {**TEST_VALUES, "ONESTOP_PSEUDONYM_SECRET": ""}, "-q")
    assert result.returncode != 0
    assert "ONESTOP_PSEUDONYM_SECRET" in result.stdout + result.stderr


def test_env_example_cannot_start_the_stack_as_is(tmp_path: Path) -> None:
    """.env.example ships no usable secret: a plain copy must be refused."""
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    for name in REQUIRED_SECRETS:
        assert values.get(name, None) == "", f".env.example must leave {name} empty"
    result = _run_config(tmp_path, values, "-q")
    assert result.returncode != 0


def test_env_example_documents_every_variable_compose_reads() -> None:
    # `$${...}` is a literal `${...}` for the container's shell, not a compose variable.
    text = COMPOSE_FILE.read_text(encoding="utf-8").replace("$$", "")
    referenced = set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)", text))
    example = ENV_EXAMPLE.read_text(encoding="utf-8")
    documented = set(re.findall(r"^#?\s*([A-Za-z_][A-Za-z0-9_]*)=", example, flags=re.MULTILINE))
    assert referenced - documented == set(), "variables compose reads but .env.example omits"
    for name in REQUIRED_SECRETS:
        block = example.split(f"\n{name}=")[0].rsplit("\n\n", 1)[-1]
        assert "python3 -c" in block, f".env.example must say how to generate {name}"


# --- structure of the resolved configuration --------------------------------------------------


def test_services_are_the_local_executor_stack(resolved: dict) -> None:
    services = resolved["services"]
    assert set(services) == ALL_SERVICES
    assert resolved.get("volumes", {}).keys() >= {"onestop-data", "postgres-db-volume"}
    assert services["postgres"]["image"] == "postgres:16"
    for name in ("airflow-init", *AIRFLOW_SERVICES):
        service = services[name]
        env = _env(service)
        assert env["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor", name
        assert not any("CELERY" in key for key in env), name
        build = service["build"]
        assert Path(build["context"]).resolve() == ROOT, name
        assert build["dockerfile"] == "docker/Dockerfile", name
    assert {services[n]["image"] for n in ("airflow-init", *AIRFLOW_SERVICES)} == {
        services["airflow-apiserver"]["image"]
    }


def test_airflow_commands_and_ports(resolved: dict) -> None:
    services = resolved["services"]
    assert services["airflow-apiserver"]["command"] in ("api-server", ["api-server"])
    assert services["airflow-scheduler"]["command"] in ("scheduler", ["scheduler"])
    assert services["airflow-dag-processor"]["command"] in ("dag-processor", ["dag-processor"])
    assert services["airflow-triggerer"]["command"] in ("triggerer", ["triggerer"])
    ports = services["airflow-apiserver"].get("ports", [])
    targets = [
        str(p["target"]) if isinstance(p, dict) else re.sub(r"/tcp$", "", str(p)).rsplit(":", 1)[-1]
        for p in ports
    ]
    assert targets == ["8080"], ports
    for name in ALL_SERVICES - {"airflow-apiserver", "site"}:
        assert not services[name].get("ports"), f"{name} should publish no port"


def test_init_migrates_creates_the_writer_pool_and_fixes_ownership(resolved: dict) -> None:
    init = resolved["services"]["airflow-init"]
    script = " ".join(init["command"]) if isinstance(init["command"], list) else init["command"]
    assert "airflow db migrate" in script
    assert re.search(r"airflow pools set duckdb_writer 1 \"[^\"]+\"", script), script
    assert "chown" in script and "/opt/onestop/data" in script
    assert "restart" not in init or init["restart"] in ("no", "on-failure")


def test_airflow_services_wait_for_postgres_and_init(resolved: dict) -> None:
    services = resolved["services"]
    assert services["airflow-init"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in AIRFLOW_SERVICES:
        deps = services[name]["depends_on"]
        assert deps["airflow-init"]["condition"] == "service_completed_successfully", name
        assert deps["postgres"]["condition"] == "service_healthy", name


def test_every_long_running_service_has_a_healthcheck(resolved: dict) -> None:
    services = resolved["services"]
    for name in LONG_RUNNING:
        assert _healthcheck_text(services[name]), f"{name} has no healthcheck"
        assert services[name].get("restart") == "always", name
    assert "pg_isready" in _healthcheck_text(services["postgres"])
    apiserver, scheduler = services["airflow-apiserver"], services["airflow-scheduler"]
    assert "http://localhost:8080/api/v2/version" in _healthcheck_text(apiserver)
    assert "http://localhost:8974/health" in _healthcheck_text(scheduler)
    assert _env(scheduler)["AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK"] == "true"
    jobs = {"airflow-dag-processor": "DagProcessorJob", "airflow-triggerer": "TriggererJob"}
    for name, job in jobs.items():
        check = _healthcheck_text(services[name])
        assert f"airflow jobs check --job-type {job} --hostname" in check, check
        assert "HOSTNAME}" in check, check


def test_airflow_environment(resolved: dict) -> None:
    expected = {
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": "http://airflow-apiserver:8080/execution/",
        "AIRFLOW__CORE__LOAD_EXAMPLES": "false",
        "AIRFLOW__CORE__DAGS_FOLDER": "/opt/onestop/dags",
        "AIRFLOW__USAGE_DATA_COLLECTION__ENABLED": "false",
        "SCARF_ANALYTICS": "false",
        "DO_NOT_TRACK": "true",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "GX_ANALYTICS_ENABLED": "false",
        "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
        "ONESTOP_DATA_DIR": "/opt/onestop/data",
        # The secrets arrive from .env unchanged.
        "AIRFLOW__CORE__FERNET_KEY": TEST_VALUES["AIRFLOW_FERNET_KEY"],
        "AIRFLOW__API_AUTH__JWT_SECRET": TEST_VALUES["AIRFLOW_JWT_SECRET"],
        "AIRFLOW__API__SECRET_KEY": TEST_VALUES["AIRFLOW_API_SECRET_KEY"],
        "ONESTOP_PSEUDONYM_SECRET": TEST_VALUES["ONESTOP_PSEUDONYM_SECRET"],
    }
    for name in ("airflow-init", *AIRFLOW_SERVICES):
        env = _env(resolved["services"][name])
        for key, value in expected.items():
            assert env.get(key) == value, f"{name}: {key}={env.get(key)!r}"
        conn = env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
        assert (
            conn
            == f"postgresql+psycopg2://airflow:{TEST_VALUES['POSTGRES_PASSWORD']}@postgres/airflow"
        )
        assert env.get("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS", "false").lower() != "true"
    postgres_env = _env(resolved["services"]["postgres"])
    assert postgres_env["POSTGRES_PASSWORD"] == TEST_VALUES["POSTGRES_PASSWORD"]


def test_project_is_mounted_read_only_and_data_in_a_named_volume(resolved: dict) -> None:
    for name in ("airflow-init", *AIRFLOW_SERVICES):
        vols = _volumes(resolved["services"][name])
        for folder in ("dags", "include", "dbt_project", "expectations"):
            source, read_only = vols[f"/opt/onestop/{folder}"]
            assert Path(source).resolve() == ROOT / folder, (name, folder, source)
            assert read_only, f"{name}: /opt/onestop/{folder} must be read-only"
        source, read_only = vols["/opt/onestop/data"]
        assert source == "onestop-data" and not read_only, name


def test_site_is_served_read_only_from_its_own_volume(resolved: dict) -> None:
    """nginx serves the data-quality site; it sees the site volume only, read-only, never the
    data volume (whose landing drops hold personal data)."""
    services = resolved["services"]
    site = services["site"]
    assert site["image"].startswith("nginx:")
    vols = _volumes(site)
    assert vols["/srv/onestop"] == ("onestop-site", True), vols
    conf_source, conf_read_only = vols["/etc/nginx/conf.d/default.conf"]
    assert Path(conf_source).resolve() == SITE_CONF and conf_read_only
    assert all(source != "onestop-data" for source, _ in vols.values()), vols
    assert "onestop-site" in resolved["volumes"]
    conf = SITE_CONF.read_text(encoding="utf-8")
    assert "root /srv/onestop/site;" in conf and "location = /healthz" in conf
    assert "http://localhost/healthz" in _healthcheck_text(site)
    ports = site["ports"]
    assert len(ports) == 1, ports
    port = ports[0]
    if isinstance(port, dict):
        port = f"{port.get('host_ip', '')}:{port.get('published', '')}:{port['target']}"
    assert re.fullmatch(r"127\.0\.0\.1:8081:80(/tcp)?", str(port)), ports
    # The Airflow services write the site into a folder of that volume (swapped in by rename).
    for name in ("airflow-init", *AIRFLOW_SERVICES):
        service = services[name]
        assert _env(service)["ONESTOP_SITE_DIR"] == "/opt/onestop/site-volume/site", name
        assert _volumes(service)["/opt/onestop/site-volume"] == ("onestop-site", False), name
    init = services["airflow-init"]
    script = " ".join(init["command"]) if isinstance(init["command"], list) else init["command"]
    assert re.search(r"chown -R \S+ [^\n]*/opt/onestop/site-volume", script), script


# --- no default secrets in the file itself ----------------------------------------------------


def test_no_literal_or_default_secrets(raw: dict) -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    for name in REQUIRED_SECRETS:
        uses = re.findall(r"\$\{" + name + r"([^}]*)\}", text)
        assert uses, f"{name} is never used"
        for rest in uses:
            assert rest.startswith(":?"), f"${{{name}{rest}}} must use the :? (required) form"
    environments = [raw["x-airflow-common"]["environment"]]
    environments += [svc.get("environment") or {} for svc in raw["services"].values()]
    checked = set()
    for env in environments:
        for key, value in env.items():
            if SECRET_NAME.search(key):
                checked.add(key)
                value = str(value)
                assert re.search(r"\$\{[A-Z_]+:\?", value), f"{key} has a literal value: {value!r}"
                assert ":-" not in value, f"{key} has a default: {value!r}"
    assert checked >= {
        "POSTGRES_PASSWORD",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN",
        "AIRFLOW__CORE__FERNET_KEY",
        "AIRFLOW__API_AUTH__JWT_SECRET",
        "AIRFLOW__API__SECRET_KEY",
        "ONESTOP_PSEUDONYM_SECRET",
    }, checked
    assert "_AIRFLOW_WWW_USER_PASSWORD" not in text


# --- the image --------------------------------------------------------------------------------


def test_dockerfile_matches_the_locked_airflow() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [d for d in pyproject["project"]["dependencies"] if d.startswith("apache-airflow==")]
    assert pins, "pyproject.toml pins no apache-airflow version"
    version = pins[0].split("==", 1)[1]
    dockerfile = DOCKERFILE.read_text(encoding="utf-8")
    assert f"apache/airflow:{version}-python3.11" in dockerfile
    assert "uv export --frozen --no-dev --no-emit-project --no-hashes" in dockerfile
    assert "--no-deps" in dockerfile


def test_dockerignore_keeps_data_and_secrets_out_of_the_build() -> None:
    entries = {line.strip() for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()}
    for entry in (".env", ".venv/", "data/", ".git/", "dbt_project/target/"):
        assert entry in entries, f".dockerignore lacks {entry}"
