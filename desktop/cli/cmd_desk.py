"""`donghaeng desk …`: the center's desk (docs/sync.md, "The center's desk").

    desk import-key KEYDIR/sealing.key [--key-passphrase-file F]
        the key file's passphrase from the file, else DONGHAENG_KEY_PASSPHRASE, else a
        hidden prompt; the vault's own passphrase as every command reads it
    desk handover --worker A --to B      share every case A wrote with B, then sync
    desk note --case CODE [--worker NAME] --text TEXT
                                         a note to the case's author (or NAME), sealed to
                                         that worker alone; sent at once
    notes [--json]                       the notes sent or received in this vault
    desk purges [--json]                 workers' purge requests awaiting the desk's order
                                         (`record purge --case CODE@worker --reason …`)
    desk workers [--json]                per worker: laptops, last sync, what waits on
                                         them, conflicts (the server's overview)
"""
from __future__ import annotations

from pathlib import Path

from desktop.cli import cmd_sync, options
from desktop.cli.session import opened_vault


def run(args, lang: str) -> int:
    if args.action == "import-key":
        return _import_key(args, lang)
    if args.action == "purges":
        return _purges(args, lang)
    if args.action == "note":
        return _note(args, lang)
    if args.action == "workers":
        return _workers(args, lang)
    return _handover(args, lang)


def _import_key(args, lang: str) -> int:
    from desktop.syncing.desk import import_key

    key_pass = options.key_passphrase(args, lang)
    with opened_vault(args, lang) as vault:
        kid = import_key(vault, Path(args.key_file), key_pass)
    del key_pass
    print(f"imported the organisation sealing key {kid}; this vault now opens every record"
          " it pulls" if lang == "en" else
          f"기관 봉인 키 {kid}를 가져왔습니다; 이제 이 금고는 받는 모든 기록을 엽니다")
    return 0


def _handover(args, lang: str) -> int:
    from desktop.syncing.desk import check_handover, handover
    from desktop.syncing.device import DeviceKeys, transport_for
    from desktop.syncing.engine import run_round

    progress = cmd_sync.progress_printer(lang)
    with opened_vault(args, lang) as vault:
        # before the round: a refused handover syncs nothing
        check_handover(vault, args.from_worker, args.to_worker)
        run_round(vault, progress=progress)
        enrollment = vault.sync_enrollment()
        keys = DeviceKeys.from_enrollment(enrollment)
        with transport_for(enrollment, keys) as tr:
            cases, made = handover(vault, tr, args.from_worker, args.to_worker, progress)
        run_round(vault, progress=progress)
        st = vault.sync_status()
    print(f"handed {cases} case(s) of {args.from_worker} over to {args.to_worker}"
          f" ({made} share(s))" if lang == "en" else
          f"{args.from_worker} 님의 사례 {cases}건을 {args.to_worker} 님에게 인계했습니다"
          f" ({made}건)")
    return 1 if st["pending_changes"] else 0


def _purges(args, lang: str) -> int:
    import json

    with opened_vault(args, lang) as vault:
        waiting = vault.purge_requests()
    if args.json:
        print(json.dumps(waiting, ensure_ascii=False))
        return 0
    if not waiting:
        print("no purge request is waiting" if lang == "en" else "기다리는 파기 요청이 없습니다")
    for r in waiting:
        print(f"{r.get('code')}@{r.get('by')}\t{r.get('at')}\t{r.get('reason')}")
    return 0


def _note(args, lang: str) -> int:
    from desktop.errors import UserError
    from desktop.syncing.engine import run_round

    progress = cmd_sync.progress_printer(lang)
    with opened_vault(args, lang) as vault:
        enrollment = vault.sync_enrollment()
        if enrollment is None or enrollment["role"] != "desk":
            raise UserError("센터 메모는 센터 데스크에서 보냅니다",
                            "notes from the center are sent from the center's desk")
        case = vault.get_case(args.case)
        if case is None:
            raise UserError(f"사례를 찾을 수 없습니다: {args.case}", f"no such case: {args.case}")
        to = args.to_worker or case.author
        note = vault.write_note(case.id, to, args.text)
        run_round(vault, progress=progress)
        st = vault.sync_status()
    print(f"note {note.id} to {to} about {case.code}" if lang == "en" else
          f"{case.code} 사례에 대해 {to} 님에게 메모 {note.id}를 보냈습니다")
    return 1 if st["pending_changes"] else 0


def notes(args, lang: str) -> int:
    import json

    with opened_vault(args, lang) as vault:
        listed = [n.as_dict() for n in vault.notes()]
    if args.json:
        print(json.dumps(listed, ensure_ascii=False))
        return 0
    if not listed:
        print("no notes" if lang == "en" else "메모가 없습니다")
    for n in listed:
        print(f"{n['at']}\t{n['case_code']}\t{n['by_worker']} → {n['to_worker']}\t{n['text']}")
    return 0


def _workers(args, lang: str) -> int:
    import json

    from desktop.syncing import workers

    with opened_vault(args, lang) as vault:
        rows = workers.per_worker(workers.fetch(vault))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for r in rows:
        print("\t".join([r["worker"], r["team"] or "-", *_worker_figures(r, lang == "en")]))
    return 0


def _worker_figures(r: dict, en: bool) -> list[str]:
    """A worker's row of `desk workers` after name and team, in the UI language."""
    last = r["last_sync"] or ("never" if en else "없음")
    if r["pending_changes"] is None:  # no laptop of theirs has reported (an older app)
        waits = "?"
    else:
        mb = f"{r['pending_bytes'] / (1 << 20):.1f} MB"
        waits = (f"{r['pending_changes']} change(s), {r['pending_files']} file(s) ({mb})"
                 if en else f"변경 {r['pending_changes']}건, 파일 {r['pending_files']}개 ({mb})")
    recovered = r.get("passphrase_recovered")
    if en:
        return [f"{r['laptops']} laptop(s)", f"last sync {last}", f"waiting: {waits}",
                f"conflicts {r['conflicts']}"] + (
                    [f"passphrase recovered {recovered}"] if recovered else [])
    return [f"노트북 {r['laptops']}대", f"마지막 동기화 {last}", f"대기: {waits}",
            f"충돌 {r['conflicts']}건"] + ([f"복구 키로 암호 재설정 {recovered}"] if recovered else [])
