"""The `kg bench` table: each figure beside its issue-7 target and a verdict.

Why a separate module: the JSON object is the contract for machines; this table is for people
reading a run, so it states each target and how far a figure is from it ("miss by 2.3x").
"""

from __future__ import annotations

from typing import Any

#: (JSON key, lower is better?, target, unit) for the contract figures that have a target.
TARGETS: tuple[tuple[str, bool, float, str], ...] = (
    ("ingest_docs_per_s", False, 100.0, "docs/s"),
    ("rdflib_speedup", False, 20.0, "x"),
    ("validate_one_ms", True, 200.0, "ms"),
    ("validate_all_s", True, 60.0, "s"),
    ("page_p95_ms", True, 50.0, "ms"),
    ("startup_s", True, 3.0, "s"),
    ("serve_rss_mb", True, 500.0, "MB"),
)
QUERY_TARGET_MS = 100.0


def verdict(value: Any, lower_is_better: bool, target: float) -> str:
    """"ok", "MISS (2.3x)" or "n/a"."""
    if not isinstance(value, (int, float)) or value is None:
        return "n/a"
    good = value < target if lower_is_better else value >= target
    if good:
        return "ok"
    factor = (value / target) if lower_is_better else (target / value if value else float("inf"))
    return f"MISS ({factor:.1f}x)"


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    return str(value)


def table(out: dict[str, Any]) -> list[list[str]]:
    """Rows of (section, measure, value, target, verdict)."""
    rows: list[list[str]] = [["scale", "documents / triples", f"{out['documents']:,} / {out['triples']:,}", "", ""]]
    for key, lower, target, unit in TARGETS:
        sign = "<" if lower else ">="
        value = out.get(key)
        shown = out.get("validate_all", {}).get("status") if key == "validate_all_s" and value is None else value
        rows.append(["target", key, _fmt(shown), f"{sign} {target:g} {unit}", verdict(value, lower, target)])
    ingest = out.get("ingest", {})
    rows.append(["ingest", "current pipeline (pySHACL per doc)", _fmt(ingest.get("current_docs_per_s")
                 or ingest.get("current_pipeline_docs_per_s")) + " docs/s", ">= 100 docs/s",
                 verdict(ingest.get("current_pipeline_docs_per_s"), False, 100.0)])
    rows.append(["ingest", "fast path triples/s", _fmt(ingest.get("fast_path_triples_per_s")), "", ""])
    rows.append(["ingest", "extraction only, one process", _fmt(ingest.get("extract_docs_per_s_one_process")) + " docs/s", "", ""])
    for mode, ms in (ingest.get("validate_one_ms_median") or {}).items():
        rows.append(["validate one doc", mode, f"{_fmt(ms)} ms", "< 200 ms", verdict(ms, True, 200.0)])
    for mode, rate in (ingest.get("load_docs_per_s") or {}).items():
        rows.append(["load", mode, f"{_fmt(rate)} docs/s", "", ""])
    remote = out.get("remote_query_median_ms") or {}
    rdflib = out.get("rdflib") or {}
    for name, ms in (out.get("query_median_ms") or {}).items():
        p95 = (out.get("query_p95_ms") or {}).get(name)
        ratio = (rdflib.get("ratios") or {}).get(name, "-")
        rows.append(["query", name, f"{_fmt(ms)} ms (p95 {_fmt(p95)}; remote {_fmt(remote.get(name))}; "
                     f"rdflib ratio {ratio})", f"< {QUERY_TARGET_MS:g} ms", verdict(ms, True, QUERY_TARGET_MS)])
    for engine, result in (rdflib.get("validate_all") or {}).items():
        rows.append(["validate all (small scale)", engine,
                     f"{_fmt(result.get('total_s'))} s ({result.get('status')}, {result.get('triples', '?')} triples)", "", ""])
    web = out.get("web") or {}
    for page in ("entity", "sparql"):
        load = web.get(page)
        if load:
            rows.append(["web", f"/{page} x16", f"p50 {_fmt(load['p50_ms'])} / p95 {_fmt(load['p95_ms'])} / p99 "
                         f"{_fmt(load['p99_ms'])} ms; {_fmt(load['per_s'])} req/s; {load['errors']} errors "
                         f"of {load['requests']}", "p95 < 50 ms" if page == "entity" else "", ""])
    if web:
        rows.append(["web", "RSS incl. query workers", f"{_fmt(web.get('rss_total_mb'))} MB", "", ""])
    return rows


def render(rows: list[list[str]]) -> str:
    """A plain aligned text table."""
    header = ["section", "measure", "value", "target", "verdict"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(header, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)
