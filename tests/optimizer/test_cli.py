import copy
import io
import json
import subprocess
import sys
from pathlib import Path

from optimizer.cli import main

EXAMPLE = {
    "format": "oneonone-instance/1",
    "meeting_minutes": 30,
    "grid_minutes": 15,
    "owner": {
        "availability": [{"date": "2025-03-03", "start": "09:00", "end": "10:00", "preference": 3}]
    },
    "invitees": [
        {
            "id": "ana",
            "availability": [
                {"date": "2025-03-03", "start": "09:00", "end": "09:30", "preference": 2}
            ],
        },
        {
            "id": "bo",
            "availability": [
                {"date": "2025-03-03", "start": "09:00", "end": "10:00", "preference": 1}
            ],
        },
    ],
}

BEST = {
    "objective": {"scheduled": 2, "preference": 9},
    "optimal": True,
    "meetings": [
        {"invitee": "ana", "date": "2025-03-03", "start": "09:00", "end": "09:30"},
        {"invitee": "bo", "date": "2025-03-03", "start": "09:30", "end": "10:00"},
    ],
}


def write(tmp_path: Path, data) -> str:
    path = tmp_path / "instance.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_main_prints_suggestions(tmp_path, capsys):
    status = main([write(tmp_path, EXAMPLE), "--count", "2"])

    out, err = capsys.readouterr()
    document = json.loads(out)
    assert status == 0
    assert err == ""
    assert document["format"] == "oneonone-suggestions/1"
    assert [s["objective"] for s in document["schedules"]] == [
        {"scheduled": 2, "preference": 9},
        {"scheduled": 1, "preference": 5},
    ]
    assert document["schedules"][0] == BEST


def test_main_reads_standard_input(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(EXAMPLE).encode())))

    status = main(["-", "--count", "1"])

    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    assert json.loads(out) == {"format": "oneonone-suggestions/1", "schedules": [BEST]}


def test_main_rejects_malformed_input_with_one_line(tmp_path, capsys):
    data = copy.deepcopy(EXAMPLE)
    data["invitees"][1]["availability"][0]["preference"] = 5

    status = main([write(tmp_path, data)])

    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert err == (
        "oneonone-suggest: invitees[1].availability[0].preference: must be 1, 2 or 3, got 5\n"
    )


def test_main_rejects_invalid_json(tmp_path, capsys):
    status = main([write(tmp_path, '{"format": ')])

    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err == (
        "oneonone-suggest: instance: is not valid JSON (Expecting value at line 1 column 12)\n"
    )


def test_main_rejects_a_missing_file(tmp_path, capsys):
    missing = str(tmp_path / "missing.json")

    status = main([missing])

    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err == f"oneonone-suggest: {missing}: cannot read (No such file or directory)\n"


def test_main_rejects_a_bad_count_with_one_line(tmp_path, capsys):
    status = main([write(tmp_path, EXAMPLE), "--count", "0"])

    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err == ("oneonone-suggest: argument --count: must be a positive integer, got '0'\n")


def test_main_rejects_missing_arguments_with_one_line(capsys):
    status = main([])

    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err == "oneonone-suggest: the following arguments are required: instance\n"


def test_console_script_runs(tmp_path):
    script = Path(sys.executable).with_name("oneonone-suggest")

    finished = subprocess.run(
        [str(script), "-", "--count", "1"],
        input=json.dumps(EXAMPLE),
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )

    assert (finished.returncode, finished.stderr) == (0, "")
    assert json.loads(finished.stdout)["schedules"] == [BEST]
