#!/usr/bin/env python3
"""The agreement bench's peer: the same slice statistics as `triangulate agreement --unit U`
computed with numpy from the same segments CSV (coder,code,start,end[,media]), written
independently from the textbook formulas. Prints JSON: per code and pooled overall, percent
agreement, Cohen's kappa (two coders only, else null), Fleiss' kappa and Krippendorff's nominal
alpha.  Usage: python3 bench/numpy_agreement.py segments.csv [unit-seconds]

Slices: slice k is [k*u, (k+1)*u) over [0, D), D = the largest segment end; the last partial
slice counts, judged at its own midpoint. A coder applied a code in a slice when one of their
segments [start, end) with that code contains the slice's midpoint; point events are left out.
"""
import csv
import json
import sys

import numpy as np


def read_segments(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    coder = np.array([r["coder"] for r in rows])
    code = np.array([r["code"] for r in rows])
    start = np.rint(np.array([float(r["start"]) for r in rows]) * 1000)
    end = np.rint(np.array([float(r["end"]) for r in rows]) * 1000)
    return coder, code, start, end


def slice_midpoints(u, d):
    k = int(np.ceil(d / u))
    while k > 0 and (k - 1) * u >= d:
        k -= 1
    mids = (np.arange(k) + 0.5) * u
    if k and k * u > d:
        mids[-1] = ((k - 1) * u + d) / 2
    return mids


def applied(coder, code, start, end, mids):
    """values[c, i, k]: coder i applied code c in slice k."""
    coders, ci = np.unique(coder, return_inverse=True)
    codes, ki = np.unique(code, return_inverse=True)
    keep = end > start
    a = np.searchsorted(mids, start[keep], "left")
    b = np.searchsorted(mids, end[keep], "left")
    diff = np.zeros((len(codes), len(coders), len(mids) + 1), dtype=np.int32)
    np.add.at(diff, (ki[keep], ci[keep], a), 1)
    np.add.at(diff, (ki[keep], ci[keep], b), -1)
    return coders, codes, np.cumsum(diff, axis=2)[:, :, :-1] > 0


def stats(values):
    """values[i, k] (coders x units, bool) -> the four statistics."""
    m, n_units = values.shape
    j = values.sum(axis=0).astype(np.float64)  # coders applying, per unit
    out = {"percentAgreement": float(np.mean((j == 0) | (j == m)))}
    p1 = j.sum() / (m * n_units)
    if p1 in (0.0, 1.0):
        return {**out, "cohensKappa": None, "fleissKappa": None, "krippendorffAlpha": None}
    p_i = (j * (j - 1) + (m - j) * (m - j - 1)) / (m * (m - 1))
    pe = p1 * p1 + (1 - p1) * (1 - p1)
    out["fleissKappa"] = float((p_i.mean() - pe) / (1 - pe))
    # coincidence matrix of nominal values: o01 = o10 = sum_u j(m - j) / (m - 1)
    o01 = np.sum(j * (m - j)) / (m - 1)
    n = m * n_units
    n1 = j.sum()
    out["krippendorffAlpha"] = float(1 - (n - 1) * 2 * o01 / (2 * (n - n1) * n1))
    out["cohensKappa"] = cohen(values) if m == 2 else None
    return out


def cohen(values):
    a, b = values
    po = np.mean(a == b)
    pe = a.mean() * b.mean() + (1 - a.mean()) * (1 - b.mean())
    return None if pe == 1 else float((po - pe) / (1 - pe))


def main():
    path = sys.argv[1]
    u = float(sys.argv[2]) * 1000 if len(sys.argv) > 2 else 1000.0
    coder, code, start, end = read_segments(path)
    mids = slice_midpoints(u, end.max())
    coders, codes, values = applied(coder, code, start, end, mids)
    per_code = {str(c): stats(values[i]) for i, c in enumerate(codes)}
    overall = stats(values.transpose(1, 0, 2).reshape(len(coders), -1))
    json.dump({"coders": coders.tolist(), "units": len(mids), "codes": per_code, "overall": overall}, sys.stdout)


if __name__ == "__main__":
    main()
