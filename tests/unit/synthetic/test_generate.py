"""The synthetic generator: contract-shaped, New York-shaped, deterministic, honestly labelled."""

from __future__ import annotations

import csv
import json
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from onestop.calendar import BusinessCalendar
from onestop.contract import (
    APPOINTMENT_OUTCOME_STATUSES,
    APPOINTMENTS,
    CLAIMANTS,
    ENTITIES,
    LWDAS,
    OFFICES,
    PARTICIPANTS,
    PROGRAM_ENROLLMENTS,
    SERVICE_TYPES,
    SERVICES,
    STAFF_ROLES,
    STAFF_USERS,
    CheckedBy,
    Entity,
    control_file_name,
)
from onestop.contract.control_file import count_csv_rows
from onestop.errors import DropBlocked
from onestop.nightly.verify import verify_drop
from onestop.synthetic import defects as registry
from onestop.synthetic.drop_damage import CONTROL_KINDS, FILE_KINDS
from onestop.synthetic.edits import INJECTORS
from onestop.synthetic.generate import DefectSpec, GenerationReport, generate

CALENDAR = BusinessCalendar.new_york()
# Five weeks over the DST change (Nov 1), Veterans Day (Wed Nov 11) and Thanksgiving (Nov 26).
MONTH_START = date(2026, 10, 26)
MONTH_NIGHTS = 35
# Mon Nov 9, Tue Nov 10 (defects go here), Wed Nov 11 (Veterans Day, closed).
SMALL_START = date(2026, 11, 9)
DEFECT_NIGHT = date(2026, 11, 10)
SMALL = {
    "start": SMALL_START,
    "nights": 3,
    "seed": 3,
    "services_per_night": 80,
    "calendar": CALENDAR,
}


@dataclass
class Run:
    landing: Path
    report: GenerationReport

    def rows(self, entity: Entity, night: date) -> list[dict[str, str]]:
        with self.path(entity, night).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def path(self, entity: Entity, night: date) -> Path:
        return self.landing / night.isoformat() / entity.file_name(night)

    def lines(self, entity: Entity, night: date) -> list[str]:
        return self.path(entity, night).read_text(encoding="utf-8").splitlines()


def run(landing: Path, **kwargs) -> Run:
    return Run(landing, generate(landing, **kwargs))


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return run(
        tmp_path_factory.mktemp("month") / "landing",
        start=MONTH_START,
        nights=MONTH_NIGHTS,
        seed=5,
        services_per_night=250,
        calendar=CALENDAR,
    )


@pytest.fixture(scope="module")
def clean_small(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return run(tmp_path_factory.mktemp("clean") / "landing", **SMALL)


def business_days_between(earlier: date, later: date) -> int:
    """Independent oracle: business days d with earlier < d <= later."""
    return sum(
        CALENDAR.is_business_day(earlier + timedelta(days=i))
        for i in range(1, (later - earlier).days + 1)
    )


def entered_services(month: Run) -> list[tuple[date, dict[str, str]]]:
    """(entry night, row) for every first delivery of a service, corrections left out."""
    result = []
    for night in month.report.nights:
        for row in month.rows(SERVICES, night):
            if datetime.fromisoformat(row["entered_at"]).date() == night:
                result.append((night, row))
    return result


# ---------------------------------------------------------------------------
# Files, contract, control file
# ---------------------------------------------------------------------------


def test_every_night_has_the_contract_files_with_headers_and_a_valid_control_file(month: Run):
    assert month.report.nights == [MONTH_START + timedelta(days=i) for i in range(MONTH_NIGHTS)]
    for night in month.report.nights:
        drop = month.landing / night.isoformat()
        expected = {e.file_name(night) for e in ENTITIES} | {control_file_name(night)}
        assert {p.name for p in drop.iterdir()} == expected
        for entity in ENTITIES:
            assert month.lines(entity, night)[0] == ",".join(entity.column_names)
        verify_drop(drop, night)


def test_report_counts_the_rows_in_the_files(month: Run) -> None:
    for entity in ENTITIES:
        on_disk = sum(count_csv_rows(month.path(entity, n)) for n in month.report.nights)
        assert month.report.rows[entity.table] == on_disk > 0


def test_values_follow_the_contract(month: Run) -> None:
    for night in month.report.nights:
        for entity in ENTITIES:
            rows = month.rows(entity, night)
            # One physical line per row: no value carries a newline.
            assert len(rows) == count_csv_rows(month.path(entity, night))
            keys = [r[entity.key[0]] for r in rows]
            assert len(keys) == len(set(keys)), f"{entity.table} {night}: duplicate keys"
            for row in rows:
                for column in entity.columns:
                    value = row[column.name]
                    if column.required:
                        assert value, f"{entity.table}.{column.name} empty on {night}"
                    if column.checked_by is CheckedBy.READINESS:
                        continue  # blanks and typos on purpose: see the PIRL noise test
                    if value and column.codes:
                        assert value in column.codes, (entity.table, column.name, value)
                    if value and column.pattern:
                        assert re.match(column.pattern, value), (entity.table, column.name, value)
                    if value and column.type == "date":
                        date.fromisoformat(value)


def test_pirl_facts_carry_the_configured_blanks_and_typos(month: Run) -> None:
    """Default noise: about 1 % of PIRL facts blank and 0.3 % off their code list or format."""
    pirl = [c for c in PARTICIPANTS.columns if c.checked_by is CheckedBy.READINESS]
    counts = Counter()
    for night in month.report.nights:
        for row in month.rows(PARTICIPANTS, night):
            for column in pirl:
                value = row[column.name]
                if not value:
                    counts["blank"] += 1
                elif column.type == "date":
                    counts["valid" if re.fullmatch(r"\d{4}-\d\d-\d\d", value) else "bad"] += 1
                else:
                    counts["valid" if value in column.codes else "bad"] += 1
    total = sum(counts.values())
    assert total > 10_000
    assert 0.006 < counts["blank"] / total < 0.015, counts
    assert 0.0015 < counts["bad"] / total < 0.005, counts


def test_pirl_noise_rates_change_only_the_pirl_columns(tmp_path: Path, clean_small: Run) -> None:
    clean = run(tmp_path / "landing", **SMALL, pirl_missing_rate=0.0, pirl_invalid_rate=0.0)
    pirl = [c for c in PARTICIPANTS.columns if c.checked_by is CheckedBy.READINESS]
    for night in clean.report.nights:
        for entity in ENTITIES:
            if entity is not PARTICIPANTS:
                assert clean.lines(entity, night) == clean_small.lines(entity, night)
        noisy_rows = clean_small.rows(PARTICIPANTS, night)
        for row, noisy in zip(clean.rows(PARTICIPANTS, night), noisy_rows, strict=True):
            for column in PARTICIPANTS.columns:
                if column.checked_by is CheckedBy.GATE:
                    assert row[column.name] == noisy[column.name]
                elif column.type == "date":
                    date.fromisoformat(row[column.name])
                else:
                    assert row[column.name] in column.codes, (column.name, row[column.name])
    assert any(c.name == "school_status" for c in pirl)


def test_pirl_rates_outside_zero_to_one_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pirl_invalid_rate must be between 0 and 1"):
        generate(tmp_path, start=SMALL_START, nights=1, pirl_invalid_rate=1.5)


def test_identifiers_and_synthetic_ssns_have_their_shapes(month: Run) -> None:
    shapes = {
        (OFFICES, "office_id"): r"NY\d\d-\d{3}",
        (STAFF_USERS, "staff_id"): r"U\d{7}",
        (PARTICIPANTS, "participant_id"): r"C\d{9}",
        (SERVICES, "service_id"): r"S\d{9}",
        (PROGRAM_ENROLLMENTS, "enrollment_id"): r"E\d{9}",
        (CLAIMANTS, "claimant_id"): r"R\d{9}",
        (APPOINTMENTS, "appointment_id"): r"A\d{9}",
    }
    for (entity, column), shape in shapes.items():
        for night in month.report.nights[:3]:
            for row in month.rows(entity, night):
                assert re.fullmatch(shape, row[column]), (entity.table, row[column])
    ssns = [r["ssn"] for n in month.report.nights for r in month.rows(PARTICIPANTS, n)]
    assert all(s == "" or re.fullmatch(r"9\d{8}", s) for s in ssns)
    assert 0.01 < ssns.count("") / len(ssns) < 0.10


# ---------------------------------------------------------------------------
# New York shape
# ---------------------------------------------------------------------------


def test_offices_cover_every_lwda_and_never_change(month: Run) -> None:
    rows = month.rows(OFFICES, MONTH_START)
    per_lwda = Counter(r["lwda_code"] for r in rows)
    assert set(per_lwda) == set(LWDAS) and 85 <= len(rows) <= 100
    big_counties = ("11", "16", "20", "28", "32")  # Erie, Monroe, Onondaga, Suffolk, Westchester
    assert per_lwda["17"] == 12 and all(per_lwda[c] == 4 for c in big_counties)
    assert all(2 <= n <= 3 for c, n in per_lwda.items() if c not in {"17", *big_counties})
    comprehensive = [r for r in rows if r["office_type"] == "COMPREHENSIVE"]
    assert sorted(r["lwda_code"] for r in comprehensive) == sorted(LWDAS)
    assert all(r["office_id"].endswith("-001") for r in comprehensive)
    assert all(r["lwda_name"] == LWDAS[r["lwda_code"]] for r in rows)
    first = month.lines(OFFICES, MONTH_START)
    assert all(month.lines(OFFICES, n) == first for n in month.report.nights)


def test_staff_are_three_to_ten_per_office_and_a_few_inactive(month: Run) -> None:
    staff = month.rows(STAFF_USERS, MONTH_START)
    sizes = Counter(r["office_id"] for r in staff)
    assert all(3 <= n <= 10 for n in sizes.values())
    assert {r["staff_role"] for r in staff} <= set(STAFF_ROLES)
    inactive = [r for r in staff if r["active_to"]]
    assert 0 < len(inactive) < 0.15 * len(staff)


def test_entry_lag_has_new_yorks_shape(month: Run) -> None:
    lags = Counter(
        business_days_between(date.fromisoformat(row["service_date"]), night)
        for night, row in entered_services(month)
    )
    total = sum(lags.values())
    assert 0.40 <= lags[0] / total <= 0.60
    assert 0.15 <= lags[1] / total <= 0.30
    assert 0.04 <= sum(n for lag, n in lags.items() if lag > 5) / total <= 0.16
    assert 0.005 <= sum(n for lag, n in lags.items() if lag > 30) / total <= 0.04
    assert max(lags) <= 61  # a Saturday event counts one day more than its lag


def test_few_services_are_entered_on_closed_days(month: Run) -> None:
    per_night = Counter(night for night, _ in entered_services(month))
    closed = [n for n in month.report.nights if not CALENDAR.is_business_day(n)]
    open_ = [n for n in month.report.nights if CALENDAR.is_business_day(n)]
    assert date(2026, 11, 11) in closed and date(2026, 11, 26) in closed
    typical = statistics.median(per_night[n] for n in open_)
    assert all(per_night[n] < 0.10 * typical for n in closed)
    assert 0 < sum(per_night[n] for n in closed) < 0.03 * sum(per_night.values())


def test_entered_at_carries_the_new_york_offset_of_the_day(month: Run) -> None:
    for night, row in entered_services(month):
        stamp = datetime.fromisoformat(row["entered_at"])
        expected = timedelta(hours=-4) if night < date(2026, 11, 1) else timedelta(hours=-5)
        assert stamp.utcoffset() == expected
        assert 8 <= stamp.hour < 18


def test_services_name_people_and_enrollments_already_delivered(month: Run) -> None:
    people: dict[str, dict[str, str]] = {}
    enrollments: dict[str, dict[str, str]] = {}
    codes = {s.code: s for s in SERVICE_TYPES}
    for night in month.report.nights:
        people.update((r["participant_id"], r) for r in month.rows(PARTICIPANTS, night))
        enrollments.update((r["enrollment_id"], r) for r in month.rows(PROGRAM_ENROLLMENTS, night))
        for row in month.rows(SERVICES, night):
            person = people[row["participant_id"]]
            enrollment = enrollments[row["enrollment_id"]]
            assert enrollment["participant_id"] == row["participant_id"]
            assert enrollment["program_code"] == row["program_code"]
            assert row["program_code"] in codes[row["service_code"]].programs
            assert row["service_name"] == codes[row["service_code"]].name
            assert person["registration_date"] <= row["service_date"] <= night.isoformat()


def test_every_participant_is_in_wagner_peyser_and_youth_are_young(month: Run) -> None:
    programs: dict[str, set[str]] = defaultdict(set)
    for night in month.report.nights:
        for row in month.rows(PROGRAM_ENROLLMENTS, night):
            programs[row["participant_id"]].add(row["program_code"])
    for night in month.report.nights:
        for person in month.rows(PARTICIPANTS, night):
            held = programs[person["participant_id"]]
            assert "WAGNER_PEYSER" in held
            if not re.fullmatch(r"\d{4}-\d\d-\d\d", person["date_of_birth"]):
                continue  # a blank or mistyped date of birth (PIRL noise)
            age = (
                date.fromisoformat(person["registration_date"])
                - date.fromisoformat(person["date_of_birth"])
            ).days / 365.25
            assert 16 <= age < 76
            if "WIOA_YOUTH" in held:
                assert age < 25


def test_reos_claimants_and_appointments_hang_together(month: Run) -> None:
    people: set[str] = set()
    resea: set[str] = set()
    claimants: dict[str, dict[str, str]] = {}
    scheduling_lags: list[int] = []
    for night in month.report.nights:
        people.update(r["participant_id"] for r in month.rows(PARTICIPANTS, night))
        resea.update(
            r["participant_id"]
            for r in month.rows(PROGRAM_ENROLLMENTS, night)
            if r["program_code"] == "RESEA"
        )
        for claimant in month.rows(CLAIMANTS, night):
            assert claimant["osos_participant_id"] in people & resea
            paid = date.fromisoformat(claimant["first_payment_date"])
            filed = date.fromisoformat(claimant["claim_effective_date"])
            assert 7 <= (paid - filed).days <= 24
            claimants[claimant["claimant_id"]] = claimant
        for row in month.rows(APPOINTMENTS, night):
            claimant = claimants[row["claimant_id"]]
            recorded = datetime.fromisoformat(row["status_recorded_at"]).date()
            assert recorded == night
            assert row["scheduled_on"] <= row["appointment_date"]
            assert recorded.isoformat() >= row["scheduled_on"]
            if row["status"] in APPOINTMENT_OUTCOME_STATUSES:
                assert recorded.isoformat() >= row["appointment_date"]
            if row["status"] == "RESCHEDULED":
                assert recorded.isoformat() < row["appointment_date"]
            first_initial = (
                row["appointment_type"] == "INITIAL"
                and row["scheduled_on"] == claimant["selection_date"]
            )
            if first_initial:
                lag = business_days_between(
                    date.fromisoformat(claimant["first_payment_date"]),
                    date.fromisoformat(row["appointment_date"]),
                )
                assert 4 <= lag <= 20
                scheduling_lags.append(lag)
    # NY policy is two weeks from first payment: most, not all, initials meet it.
    timely = sum(lag <= 10 for lag in scheduling_lags) / len(scheduling_lags)
    assert 0.7 < timely < 0.95, timely
    reasons = Counter(c["selection_reason"] for c in claimants.values())
    assert reasons.most_common(1)[0][0] == "RESEA_PROFILING"


def test_an_appointment_is_sent_when_scheduled_and_again_when_its_status_changes(month: Run):
    history: dict[str, list[str]] = defaultdict(list)
    for night in month.report.nights:
        for row in month.rows(APPOINTMENTS, night):
            history[row["appointment_id"]].append(row["status"])
    complete = [h for h in history.values() if h[0] == "SCHEDULED" and len(h) == 2]
    outcomes = Counter(h[1] for h in complete)
    assert outcomes.most_common(1)[0][0] == "ATTENDED"
    assert outcomes["FAILED_TO_REPORT"] > 0
    assert all(len(h) <= 2 and h.count("SCHEDULED") <= 1 for h in history.values())


def test_corrections_resend_a_service_with_its_id_and_entry_time(month: Run) -> None:
    first_seen: dict[str, tuple[date, dict[str, str]]] = {}
    corrections = 0
    for night in month.report.nights:
        for row in month.rows(SERVICES, night):
            earlier = first_seen.get(row["service_id"])
            if earlier is None:
                first_seen[row["service_id"]] = (night, row)
                continue
            corrections += 1
            assert earlier[0] < night
            assert row["entered_at"] == earlier[1]["entered_at"]
            assert row["service_code"] != earlier[1]["service_code"]
    assert corrections > 0


def test_a_longer_run_writes_the_same_first_nights(tmp_path: Path, clean_small: Run) -> None:
    longer = run(tmp_path / "longer", **(SMALL | {"nights": 5}))
    for night in clean_small.report.nights:
        for entity in ENTITIES:
            assert (
                longer.path(entity, night).read_bytes()
                == clean_small.path(entity, night).read_bytes()
            ), (entity.table, night)


# ---------------------------------------------------------------------------
# Determinism and options
# ---------------------------------------------------------------------------


def snapshot(landing: Path) -> dict[str, bytes]:
    return {
        p.relative_to(landing).as_posix(): p.read_bytes()
        for p in sorted(landing.rglob("*"))
        if p.is_file()
    }


def test_same_arguments_write_identical_bytes(tmp_path: Path) -> None:
    defects = [DefectSpec.parse(f"null_key@{DEFECT_NIGHT} x2")]
    first = run(tmp_path / "a", **SMALL, defects=defects)
    second = run(tmp_path / "b", **SMALL, defects=defects)
    assert snapshot(first.landing) == snapshot(second.landing)
    assert first.report == second.report
    other = run(tmp_path / "c", **(SMALL | {"seed": 4}))
    assert snapshot(other.landing) != snapshot(first.landing)


def test_progress_goes_to_stderr_and_changes_nothing(
    tmp_path: Path, clean_small: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = run(tmp_path / "landing", **SMALL, progress=True)
    captured = capsys.readouterr()
    assert "Writing nightly drops" in captured.err and captured.out == ""
    assert snapshot(shown.landing) == snapshot(clean_small.landing)


def test_a_defect_outside_the_nights_is_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="outside the generated nights"):
        generate(tmp_path / "landing", **SMALL, defects=[DefectSpec.parse("null_key@2026-12-01")])
    assert not (tmp_path / "landing").exists()


def test_a_defect_needing_more_rows_than_the_file_has_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="only .* suitable rows"):
        generate(
            tmp_path / "landing",
            **SMALL,
            defects=[DefectSpec.parse(f"null_key@{DEFECT_NIGHT}:osos__offices x500")],
        )


# ---------------------------------------------------------------------------
# Defects
# ---------------------------------------------------------------------------


def with_defects(tmp_path: Path, *texts: str) -> Run:
    labels = tmp_path / "labels.json"
    result = run(
        tmp_path / "landing",
        **SMALL,
        defects=[DefectSpec.parse(t) for t in texts],
        labels_path=labels,
    )
    assert json.loads(labels.read_text(encoding="utf-8")) == result.report.defects
    assert len(result.report.defects) == len(texts)
    for label in result.report.defects:  # the registry says which labels list rows
        assert bool(label["rows"]) == registry.DEFECTS[label["kind"]].row_level, label
    return result


def only_label(result: Run, kind: str, entity: Entity = SERVICES) -> dict:
    [label] = result.report.defects
    assert label["kind"] == kind and label["night"] == DEFECT_NIGHT.isoformat()
    assert label["entity"] == entity.table and label["file"] == entity.file_name(DEFECT_NIGHT)
    assert label["path"] == f"{DEFECT_NIGHT}/{entity.file_name(DEFECT_NIGHT)}"
    return label


def assert_other_nights_untouched(result: Run, clean: Run) -> None:
    """A defect changes its own night only: the other nights keep every byte."""
    for night in clean.report.nights:
        if night != DEFECT_NIGHT:
            assert snapshot(result.landing / night.isoformat()) == snapshot(
                clean.landing / night.isoformat()
            )


def changed_lines(result: Run, clean: Run, entity: Entity) -> list[int]:
    new, old = result.lines(entity, DEFECT_NIGHT), clean.lines(entity, DEFECT_NIGHT)
    assert len(new) == len(old)
    return [i + 1 for i, (a, b) in enumerate(zip(new, old, strict=True)) if a != b]


def labelled_values(result: Run, label: dict, entity: Entity = SERVICES) -> list[str]:
    rows = result.rows(entity, DEFECT_NIGHT)
    return [rows[line - 2][label["column"]] for line in label["rows"]]


EDITS = [
    ("null_key", SERVICES, "service_id", lambda value, row: value == ""),
    ("unknown_code", SERVICES, "service_code", lambda value, row: value == "ZZZ"),
    ("bad_date", SERVICES, "service_date", lambda value, row: value == "2026-13-45"),
    (
        "service_after_extract",
        SERVICES,
        "service_date",
        lambda value, row: date.fromisoformat(value) > DEFECT_NIGHT,
    ),
    (
        "entry_before_service",
        SERVICES,
        "entered_at",
        lambda value, row: datetime.fromisoformat(value).date()
        == date.fromisoformat(row["service_date"]) - timedelta(days=1),
    ),
    (
        "ssn_in_comment",
        SERVICES,
        "comments",
        lambda value, row: re.search(r"\b9\d\d-\d\d-\d{4}\b", value) is not None,
    ),
    ("null_key", PARTICIPANTS, "participant_id", lambda value, row: value == ""),
    (
        "entry_before_service",
        APPOINTMENTS,
        "status_recorded_at",
        lambda value, row: datetime.fromisoformat(value).date()
        < date.fromisoformat(row["scheduled_on"]),
    ),
    ("unknown_code", STAFF_USERS, "systems", lambda value, row: value == "ZZZ"),
    ("missing_pirl_value", PARTICIPANTS, "school_status", lambda value, row: value == ""),
    ("invalid_pirl_value", PARTICIPANTS, "sex", lambda value, row: value not in {"1", "2", "9"}),
    (
        "exit_before_entry",
        PROGRAM_ENROLLMENTS,
        "exit_date",
        lambda value, row: date.fromisoformat(value) < date.fromisoformat(row["entry_date"]),
    ),
    (
        "orphan_enrollment",
        PROGRAM_ENROLLMENTS,
        "participant_id",
        lambda value, row: re.fullmatch(r"C999\d{6}", value) is not None,
    ),
    (
        "outcome_before_appointment",
        APPOINTMENTS,
        "status_recorded_at",
        lambda value, row: row["status"] in APPOINTMENT_OUTCOME_STATUSES
        and row["scheduled_on"]
        <= datetime.fromisoformat(value).date().isoformat()
        < row["appointment_date"],
    ),
    (
        "appointment_before_selection",
        APPOINTMENTS,
        "appointment_date",
        lambda value, row: row["scheduled_on"] <= value
        and date.fromisoformat(value) < DEFECT_NIGHT - timedelta(days=300),
    ),
]


def test_a_pirl_defect_can_name_its_column(tmp_path: Path, clean_small: Run) -> None:
    result = with_defects(
        tmp_path,
        f"invalid_pirl_value@{DEFECT_NIGHT}:osos__participants.date_of_birth x2",
    )
    label = only_label(result, "invalid_pirl_value", PARTICIPANTS)
    assert label["column"] == "date_of_birth"
    for value, was in zip(label["values"], label["original"], strict=True):
        assert value == f"{date.fromisoformat(was):%m/%d/%Y}"
    assert changed_lines(result, clean_small, PARTICIPANTS) == label["rows"]


@pytest.mark.parametrize(
    ("kind", "entity", "column", "holds"), EDITS, ids=[f"{k}-{e.name}" for k, e, _, _ in EDITS]
)
def test_edit_defects_change_exactly_the_labelled_rows(
    tmp_path: Path, clean_small: Run, kind: str, entity: Entity, column: str, holds
) -> None:
    count = 1 if entity is APPOINTMENTS else 3
    result = with_defects(tmp_path, f"{kind}@{DEFECT_NIGHT}:{entity.table} x{count}")
    label = only_label(result, kind, entity)
    assert label["column"] == column and len(label["rows"]) == count
    assert changed_lines(result, clean_small, entity) == label["rows"]
    rows = result.rows(entity, DEFECT_NIGHT)
    for line, value, was in zip(label["rows"], label["values"], label["original"], strict=True):
        row = rows[line - 2]
        assert row[column] == value != was and holds(value, row)
    verify_drop(result.landing / DEFECT_NIGHT.isoformat(), DEFECT_NIGHT)  # control file agrees
    assert_other_nights_untouched(result, clean_small)


def test_attended_without_service_removes_only_that_appointments_resea_services(
    tmp_path: Path, clean_small: Run
) -> None:
    result = with_defects(tmp_path, f"attended_without_service@{DEFECT_NIGHT}:reos__appointments")
    label = only_label(result, "attended_without_service", APPOINTMENTS)
    [row] = [result.rows(APPOINTMENTS, DEFECT_NIGHT)[line - 2] for line in label["rows"]]
    assert row["status"] == "ATTENDED" and [row["appointment_id"]] == label["values"]
    participant = {
        c["claimant_id"]: c["osos_participant_id"]
        for night in clean_small.report.nights
        for c in clean_small.rows(CLAIMANTS, night)
    }[row["claimant_id"]]

    def services(run_: Run) -> set[tuple[str, ...]]:
        return {
            (r["participant_id"], r["service_code"], r["service_date"], r["entered_at"])
            for night in run_.report.nights
            for r in run_.rows(SERVICES, night)
        }

    removed = services(clean_small) - services(result)
    assert removed  # the clean run entered them within these nights
    assert services(result) <= services(clean_small)
    resea_codes = {s.code for s in SERVICE_TYPES if "RESEA" in s.programs}
    assert all(
        (p, d) == (participant, row["appointment_date"]) and code in resea_codes
        for p, code, d, _ in removed
    ), removed
    assert not any(
        (p, d) == (participant, row["appointment_date"]) and code in resea_codes
        for p, code, d, _ in services(result)
    )
    assert result.rows(APPOINTMENTS, DEFECT_NIGHT) == clean_small.rows(APPOINTMENTS, DEFECT_NIGHT)


def test_duplicate_key_appends_copies_of_a_labelled_row(tmp_path: Path, clean_small: Run):
    result = with_defects(tmp_path, f"duplicate_key@{DEFECT_NIGHT}:osos__services x2")
    label = only_label(result, "duplicate_key")
    new, old = result.lines(SERVICES, DEFECT_NIGHT), clean_small.lines(SERVICES, DEFECT_NIGHT)
    assert new[: len(old)] == old and len(new) == len(old) + 2
    assert label["rows"] == [label["source_row"], len(old) + 1, len(old) + 2]
    assert set(labelled_values(result, label)) == {label["values"][0]}
    keys = Counter(r["service_id"] for r in result.rows(SERVICES, DEFECT_NIGHT))
    assert keys[label["values"][0]] == 3
    verify_drop(result.landing / DEFECT_NIGHT.isoformat(), DEFECT_NIGHT)


def test_missing_column_drops_a_non_key_column(tmp_path: Path, clean_small: Run) -> None:
    result = with_defects(tmp_path, f"missing_column@{DEFECT_NIGHT}:osos__services")
    label = only_label(result, "missing_column")
    assert label["column"] == "office_id" and label["rows"] == []
    header = result.lines(SERVICES, DEFECT_NIGHT)[0].split(",")
    assert header == [c for c in SERVICES.column_names if c != "office_id"]
    assert len(result.lines(SERVICES, DEFECT_NIGHT)) == len(
        clean_small.lines(SERVICES, DEFECT_NIGHT)
    )
    verify_drop(result.landing / DEFECT_NIGHT.isoformat(), DEFECT_NIGHT)
    assert_other_nights_untouched(result, clean_small)


def test_missing_control_file_blocks_only_its_night(tmp_path: Path, clean_small: Run) -> None:
    result = with_defects(tmp_path, f"missing_control_file@{DEFECT_NIGHT}")
    [label] = result.report.defects
    assert label["kind"] == "missing_control_file" and label["night"] == DEFECT_NIGHT.isoformat()
    assert label["file"] == control_file_name(DEFECT_NIGHT) and label["rows"] == []
    drop = result.landing / DEFECT_NIGHT.isoformat()
    assert not (drop / control_file_name(DEFECT_NIGHT)).exists()
    with pytest.raises(DropBlocked, match="control file missing"):
        verify_drop(drop, DEFECT_NIGHT)
    for entity in ENTITIES:  # the data files themselves are intact
        assert (
            result.path(entity, DEFECT_NIGHT).read_bytes()
            == clean_small.path(entity, DEFECT_NIGHT).read_bytes()
        )
    assert_other_nights_untouched(result, clean_small)


def test_bad_checksum_changes_one_byte_and_keeps_the_row_count(tmp_path: Path, clean_small: Run):
    result = with_defects(tmp_path, f"bad_checksum@{DEFECT_NIGHT}:osos__services")
    label = only_label(result, "bad_checksum")
    new = result.path(SERVICES, DEFECT_NIGHT).read_bytes()
    old = clean_small.path(SERVICES, DEFECT_NIGHT).read_bytes()
    assert len(new) == len(old) and sum(a != b for a, b in zip(new, old, strict=True)) == 1
    assert changed_lines(result, clean_small, SERVICES) == label["rows"]
    assert labelled_values(result, label) == label["values"] != label["original"]
    with pytest.raises(DropBlocked, match="SHA-256") as caught:
        verify_drop(result.landing / DEFECT_NIGHT.isoformat(), DEFECT_NIGHT)
    assert "rows, control file says" not in str(caught.value)
    assert_other_nights_untouched(result, clean_small)


def test_row_count_mismatch_deletes_the_labelled_last_row(tmp_path: Path, clean_small: Run):
    result = with_defects(tmp_path, f"row_count_mismatch@{DEFECT_NIGHT}:osos__services")
    label = only_label(result, "row_count_mismatch")
    new, old = result.lines(SERVICES, DEFECT_NIGHT), clean_small.lines(SERVICES, DEFECT_NIGHT)
    assert new == old[:-1] and label["rows"] == [len(old)]
    assert old[-1].startswith(label["original"][0] + ",")
    counts = f"{len(old) - 2} rows, control file says {len(old) - 1}"
    with pytest.raises(DropBlocked, match=counts):
        verify_drop(result.landing / DEFECT_NIGHT.isoformat(), DEFECT_NIGHT)


def test_several_defects_in_one_file_keep_their_labels_true(tmp_path: Path) -> None:
    result = with_defects(
        tmp_path,
        f"duplicate_key@{DEFECT_NIGHT} x1",
        f"null_key@{DEFECT_NIGHT} x2",
        f"unknown_code@{DEFECT_NIGHT} x2",
        f"missing_column@{DEFECT_NIGHT}",
    )
    by_kind = {label["kind"]: label for label in result.report.defects}
    assert labelled_values(result, by_kind["null_key"]) == ["", ""]
    assert labelled_values(result, by_kind["unknown_code"]) == ["ZZZ", "ZZZ"]
    touched = by_kind["null_key"]["rows"] + by_kind["unknown_code"]["rows"]
    assert len(set(touched)) == 4  # each defect got rows of its own
    assert by_kind["duplicate_key"]["rows"][-1] == len(result.lines(SERVICES, DEFECT_NIGHT))
    verify_drop(result.landing / DEFECT_NIGHT.isoformat(), DEFECT_NIGHT)


# ---------------------------------------------------------------------------
# DefectSpec.parse
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "null_key@2026-10-12:osos__services x3",
            DefectSpec("null_key", date(2026, 10, 12), "osos__services", 3),
        ),
        (
            "null_key@2026-10-12:osos__servicesx3",
            DefectSpec("null_key", date(2026, 10, 12), "osos__services", 3),
        ),
        (
            "  bad_date@2026-10-12:reos__claimants  ",
            DefectSpec("bad_date", date(2026, 10, 12), "reos__claimants", 1),
        ),
        ("missing_control_file@2026-10-12", DefectSpec("missing_control_file", date(2026, 10, 12))),
        (
            "ssn_in_comment@2026-10-12 x2",
            DefectSpec("ssn_in_comment", date(2026, 10, 12), "osos__services", 2),
        ),
        (
            "invalid_pirl_value@2026-10-12:osos__participants.education_level x4",
            DefectSpec(
                "invalid_pirl_value", date(2026, 10, 12), "osos__participants", 4, "education_level"
            ),
        ),
    ],
)
def test_parse_reads_the_command_line_form(text: str, expected: DefectSpec) -> None:
    assert DefectSpec.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is not KIND@YYYY-MM-DD"),
        ("null_key", "is not KIND@YYYY-MM-DD"),
        ("null_key@2026-10-12:osos__services x", "is not KIND@YYYY-MM-DD"),
        ("null_key@2026-13-45", "'2026-13-45' is not a date"),
        ("nonsense@2026-10-12", "unknown defect kind 'nonsense'"),
        ("null_key@2026-10-12:osos__nothing", "unknown table 'osos__nothing'"),
        ("null_key@2026-10-12 x0", "at least 1"),
        ("missing_column@2026-10-12 x2", "takes no count"),
        ("ssn_in_comment@2026-10-12:reos__claimants", "no suitable column"),
        ("entry_before_service@2026-10-12:osos__offices", "no suitable column"),
        (
            "missing_pirl_value@2026-10-12:osos__participants.registration_date",
            "cannot target osos__participants.registration_date",
        ),
        ("missing_control_file@2026-10-12:osos__services.comments", "takes no column"),
        ("orphan_enrollment@2026-10-12:osos__services", "no suitable column"),
    ],
)
def test_parse_explains_bad_input(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        DefectSpec.parse(text)


# ---------------------------------------------------------------------------
# The defect registry
# ---------------------------------------------------------------------------


def test_every_defect_kind_is_applied_by_the_module_the_registry_names() -> None:
    assert set(INJECTORS) == set(registry.kinds(injector="edits"))
    assert (*FILE_KINDS, *CONTROL_KINDS) == registry.kinds(injector="drop_damage")
    assert registry.kinds(injector="drops") == registry.kinds(phase=registry.NO_CONTROL_FILE)
    assert set(registry.WORLD_KINDS) == {
        *registry.kinds(injector="access"),
        *registry.kinds(injector="services"),
    }
    modules = ("edits", "drops", "drop_damage", "access", "services")
    every = [kind for module in modules for kind in registry.kinds(injector=module)]
    assert sorted(every) == sorted(registry.DEFECT_KINDS)
    assert {d.phase for d in registry.DEFECTS.values()} <= set(registry.PHASES)
