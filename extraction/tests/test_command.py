import io
import json

import pytest
from django.core.management import CommandError, call_command

from articles.management.commands.extract import parse_line


def run_jsonl(monkeypatch, lines: list[str]) -> tuple[list[dict], str]:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    out, err = io.StringIO(), io.StringIO()
    call_command("extract", "--jsonl", "-", stdout=out, stderr=err)
    return [
        json.loads(line) for line in out.getvalue().splitlines() if line.strip()
    ], err.getvalue()


def article(id_: str, text: str, published: str = "2018-12-29") -> str:
    return json.dumps({"id": id_, "title": "", "published": published, "text": text})


def test_jsonl_prints_one_object_per_article(monkeypatch, nlp):
    text = "Russian Defence Minister Sergei Shoigu met Turkish officials in Moscow on Saturday."
    rows, err = run_jsonl(monkeypatch, [article("a1", text), article("a2", "")])
    assert [r["id"] for r in rows] == ["a1", "a2"] and err == ""
    shoigu = next(a for a in rows[0]["actors"] if a["name"] == "Sergei Shoigu")
    assert shoigu["country"] == "RU" and shoigu["kind"] == "person"
    assert {"title": "Defense Minister", "country": "RU"}.items() <= shoigu["roles"][0].items()
    moscow = next(p for p in rows[0]["places"] if p["name"] == "Moscow")
    assert moscow["country"] == "RU" and moscow["lat"] and moscow["geonames_id"]
    mention = shoigu["mentions"][0]
    assert text[mention["start"] : mention["end"]] == mention["text"]


def test_bad_lines_give_errors_not_a_crash(monkeypatch, nlp):
    lines = [
        "{not json",
        json.dumps({"id": "x2", "published": "2019-01-01"}),
        article("ok", "Aleppo."),
    ]
    rows, err = run_jsonl(monkeypatch, lines)
    assert rows[0] == {"id": None, "error": rows[0]["error"]} and "invalid JSON" in rows[0]["error"]
    assert rows[1]["id"] == "x2" and "text" in rows[1]["error"]
    assert rows[2]["id"] == "ok" and "error" not in rows[2]
    assert "line 1:" in err and "line 2:" in err


def test_single_file_with_published(tmp_path, nlp):
    path = tmp_path / "a.txt"
    path.write_text(
        "Hakan Fidan held talks with Ahmed al-Sharaa in Damascus on Sunday.", encoding="utf-8"
    )
    out = io.StringIO()
    call_command("extract", str(path), "--published", "2024-12-22", stdout=out)
    result = json.loads(out.getvalue())
    [meeting] = result["meetings"]
    assert meeting["date"] == "2024-12-22" and meeting["place"] == "Damascus"


def test_bad_published_date_is_a_clear_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("text", encoding="utf-8")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("extract", str(path), "--published", "29/12/2018")


def test_parse_line_rejects_bad_dates():
    _, error = parse_line(json.dumps({"id": 1, "text": "x", "published": "yesterday"}))
    assert "published" in error
