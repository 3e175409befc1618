"""Writing one night's drop: the contract CSV files, then the control file that vouches for them.

Why the order matters: a night's defects are applied in the phases of
``defects.PHASES`` so each label stays true. Values are edited in place first,
then rows appended (edited line numbers stay put), then a column left out; the
files are written, file-level damage done, the control file written (unless
missing_control_file) and damaged, and last the damage the control file should
have caught (bad_checksum, row_count_mismatch) rewrites its file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from onestop.contract import ENTITIES, control_file_name
from onestop.contract import entity as contract_entity
from onestop.contract.control_file import write_control_file
from onestop.synthetic import defects as registry
from onestop.synthetic.defects import (
    CONTROL,
    CONTROL_KINDS,
    FILE,
    FILE_KINDS,
    NO_CONTROL_FILE,
    PHASES,
    POST_CONTROL,
    WORLD,
    DefectSpec,
    label,
)
from onestop.synthetic.draws import stream
from onestop.synthetic.drop_damage import damage_control_file, damage_file
from onestop.synthetic.edits import INJECTORS, DropFile
from onestop.synthetic.world import World


def write_drop(
    world: World,
    landing_dir: Path,
    night: date,
    defects: list[DefectSpec],
    labels: list[dict],
    totals: dict[str, int],
) -> None:
    """Write one night's files, inject its defects, and close it with the control file.

    ``defects`` are the night's specs in the run's order; their labels are appended
    to ``labels`` and the rows written are added to ``totals`` (by table name).
    """
    drop_dir = landing_dir / night.isoformat()
    drop_dir.mkdir(parents=True, exist_ok=True)
    # A control file left from an earlier run would vouch for files being rewritten.
    (drop_dir / control_file_name(night)).unlink(missing_ok=True)
    tables = world.tables(night)
    files = {e.table: DropFile(e, tables[e.table]) for e in ENTITIES}
    ordered = sorted(
        enumerate(defects), key=lambda item: (PHASES.index(registry.phase(item[1].kind)), item[0])
    )
    for index, spec in ordered:
        if registry.phase(spec.kind) in (WORLD, POST_CONTROL, FILE, CONTROL):
            continue
        if registry.phase(spec.kind) == NO_CONTROL_FILE:
            labels.append(label(spec, control_file_name(night), {}))
        else:
            labels.append(_apply(files[spec.entity], spec, world.seed, index))
    for file in files.values():
        file.write(drop_dir / file.entity.file_name(night))
    for spec in defects:
        if spec.kind in FILE_KINDS:
            name = contract_entity(spec.entity).file_name(night)
            effect = damage_file(spec.kind, drop_dir / name, contract_entity(spec.entity))
            labels.append(label(spec, name, effect))
    if not any(registry.phase(spec.kind) == NO_CONTROL_FILE for spec in defects):
        write_control_file(drop_dir, night)
    for spec in defects:
        if spec.kind in CONTROL_KINDS:
            effect = damage_control_file(spec.kind, drop_dir, night)
            labels.append(label(spec, control_file_name(night), effect))
    for index, spec in ordered:
        if registry.phase(spec.kind) == POST_CONTROL:
            file = files[spec.entity]
            labels.append(_apply(file, spec, world.seed, index))
            file.write(drop_dir / file.entity.file_name(night))
    for table, file in files.items():
        totals[table] += len(file.rows)


def _apply(file: DropFile, spec: DefectSpec, seed: int, index: int) -> dict:
    """Inject one defect with its own random stream and return its label."""
    rng = stream(seed, "defect", spec.night, spec.entity, spec.kind, index)
    effect = INJECTORS[spec.kind](file, spec, rng, spec.night)
    return label(spec, file.entity.file_name(spec.night), effect)
