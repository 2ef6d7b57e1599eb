"""Builds reproduction.ipynb from the cells below (kept as code so diffs stay readable)."""
import json
import sys

cells = [
("markdown", """# Reproduction: figures from the exported CSV tables

This notebook redraws the study's figures from the CSV tables `staleness export` writes
(`runs.csv`, `epochs.csv`, and `staleness_scan.csv` when the store has a staleness scan).
Set `STALENESS_CSV` to the directory of the tables (default: `reproduction/` beside this notebook).
Accuracies in the tables are fractions 0…1."""),
("code", """import os
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

CSV = os.environ.get("STALENESS_CSV", "reproduction")
OUT = os.environ.get("STALENESS_FIGURES", CSV)
runs = pd.read_csv(os.path.join(CSV, "runs.csv"))
epochs = pd.read_csv(os.path.join(CSV, "epochs.csv"))
print(len(runs), "runs,", len(epochs), "epoch rows")
runs[["optimizer", "learning_rate", "batch_size", "delay", "remedies", "status", "final_test_accuracy"]].head()"""),
("markdown", "## The study's grid: constant delays, no remedies, constant schedule"),
("code", """plain = runs[(runs.delay_kind.isin(["sync", "constant"])) & (runs.remedies == "none") & (runs.status != "failed")].copy()
plain["delay_steps"] = plain.delay_mean.astype(int)
plain["accuracy"] = 100 * plain.final_test_accuracy
cells = plain.groupby(["optimizer", "batch_size", "delay_steps", "learning_rate"], as_index=False).accuracy.mean()
cells.head()"""),
("markdown", "## Figure 2: final test accuracy vs learning rate, one line per delay, one panel per batch size"),
("code", """for optimizer, by_opt in cells.groupby("optimizer"):
    batches = sorted(by_opt.batch_size.unique())
    fig, axes = plt.subplots(1, len(batches), figsize=(5 * len(batches), 4), squeeze=False)
    delays = sorted(by_opt.delay_steps.unique())
    colours = plt.cm.viridis(np.linspace(0, 0.9, max(len(delays), 1)))
    for ax, batch in zip(axes[0], batches):
        for colour, delay in zip(colours, delays):
            curve = by_opt[(by_opt.batch_size == batch) & (by_opt.delay_steps == delay)].sort_values("learning_rate")
            if len(curve):
                ax.plot(curve.learning_rate, curve.accuracy, marker="o", color=colour,
                        label="synchronous" if delay == 0 else f"delay {delay}")
        ax.set_xscale("log")
        ax.set_ylim(0, 100)
        ax.set_xlabel("learning rate")
        ax.set_ylabel("final test accuracy (%)")
        ax.set_title(f"{optimizer.upper()}, batch {batch}")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(OUT, f"nb-accuracy-vs-lr-{optimizer}.png"), dpi=90)"""),
("markdown", "## Figure 3: test accuracy per epoch at delays 32, 128, 256 beside synchronous training (best lr and batch per delay)"),
("code", """fig, axes = plt.subplots(1, 2, figsize=(11, 4), squeeze=False)
for ax, optimizer in zip(axes[0], ["sgd", "adam"]):
    mine = plain[plain.optimizer == optimizer]
    for delay in [0, 32, 128, 256]:
        candidates = mine[mine.delay_steps == delay]
        if candidates.empty:
            continue
        best = candidates.loc[candidates.accuracy.idxmax()]
        curve = epochs[epochs.config_hash == best.config_hash].sort_values("epoch")
        ax.plot(curve.epoch, 100 * curve.test_accuracy, marker=".",
                label=("synchronous" if delay == 0 else f"delay {delay}") + f" (lr {best.learning_rate:.2g}, batch {best.batch_size})")
    ax.set_ylim(0, 100)
    ax.set_xlabel("epoch")
    ax.set_ylabel("test accuracy (%)")
    ax.set_title(optimizer.upper())
    ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(os.path.join(OUT, "nb-accuracy-vs-epoch.png"), dpi=90)"""),
("markdown", "## Figure 4: heatmaps of final accuracy over learning rate × delay"),
("code", """for (optimizer, batch), group in cells.groupby(["optimizer", "batch_size"]):
    table = group.pivot(index="delay_steps", columns="learning_rate", values="accuracy")
    fig, ax = plt.subplots(figsize=(1.0 + 0.8 * len(table.columns), 0.8 + 0.45 * len(table.index)))
    image = ax.imshow(table.values, cmap="viridis", vmin=10, vmax=100, aspect="auto")
    ax.set_xticks(range(len(table.columns)), [f"{x:.2g}" for x in table.columns], rotation=35)
    ax.set_yticks(range(len(table.index)), ["sync" if d == 0 else str(d) for d in table.index])
    for (i, j), value in np.ndenumerate(table.values):
        if not np.isnan(value):
            ax.text(j, i, f"{value:.0f}", ha="center", va="center", fontsize=8, color="white" if value < 65 else "black")
    ax.set_xlabel("learning rate")
    ax.set_ylabel("delay (updates)")
    ax.set_title(f"{optimizer.upper()}, batch {batch}: final test accuracy (%)")
    fig.colorbar(image, ax=ax)
    fig.tight_layout()
    fig.savefig(os.path.join(OUT, f"nb-heatmap-{optimizer}-{batch}.png"), dpi=90)"""),
("markdown", "## Figure 1: staleness histogram with fitted normal, and mean/sd vs N (when the store has a scan)"),
("code", """scan_path = os.path.join(CSV, "staleness_scan.csv")
if os.path.exists(scan_path):
    scan = pd.read_csv(scan_path)
    sigma = scan.sigma.iloc[0]
    scan = scan[scan.sigma == sigma]
    n = scan.workers.unique()[np.argmin(np.abs(scan.workers.unique() - 32))]
    shown = scan[scan.workers == n]
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4))
    frequency = shown["count"] / shown["count"].sum()
    left.bar(shown.staleness, frequency, width=0.9, label="simulated")
    mean, sd = shown["mean"].iloc[0], shown.standard_deviation.iloc[0]
    x = np.linspace(shown.staleness.min() - 1, shown.staleness.max() + 1, 300)
    left.plot(x, np.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * np.sqrt(2 * np.pi)), color="C1", label=f"normal μ={mean:.2f}, σ={sd:.2f}")
    left.set_xlabel("staleness (updates)")
    left.set_ylabel("fraction of gradients")
    left.set_title(f"N = {n} workers, σ = {sigma}")
    left.legend()
    moments = scan.groupby("workers", as_index=False)[["mean", "standard_deviation"]].first()
    right.plot(moments.workers, moments["mean"], marker="o", label="mean")
    right.plot(moments.workers, moments.standard_deviation, marker="o", label="standard deviation")
    right.plot(moments.workers, moments.workers - 1, linestyle="--", color="grey", label="N − 1")
    right.set_xlabel("workers N")
    right.set_ylabel("staleness (updates)")
    right.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(OUT, "nb-staleness.png"), dpi=90)
else:
    print("no staleness_scan.csv: run `staleness reproduce` or `staleness figures` on a store with a scan")"""),
]

notebook = {
    "cells": [
        {"cell_type": kind, "id": f"cell-{index}", "metadata": {}, "source": text.splitlines(keepends=True),
         **({"outputs": [], "execution_count": None} if kind == "code" else {})}
        for index, (kind, text) in enumerate(cells)
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                 "language_info": {"name": "python"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}
json.dump(notebook, open(sys.argv[1] if len(sys.argv) > 1 else "reproduction.ipynb", "w"), indent=1)
