#!/usr/bin/env python3
"""Side-by-side training benchmark: this toolkit's `staleness train` against PyTorch on the same CPU.

Modes (all run both implementations in the same invocation, so machine noise hits both):
  speed     one epoch of LeNet-5 on MNIST for each batch size and thread count: seconds per epoch
            (training steps only), the ratio PyTorch/Swift, the FLOP floor (FLOPs per epoch / measured
            peak sgemm rate) and peak resident memory; with --baseline BINARY, also an earlier build's
            seconds and its ratio to this one. Each side runs --repeats times (default 3), in turn,
            with a peak reading before each repeat; the best run of each side counts, against the
            best peak reading (the lowest floor).
  fidelity  5 epochs of SGD (lr 0.01, momentum 0.9) and Adam (lr 0.001), batch 64, seeds 1-3: mean
            final test accuracy of both and the difference.
  gemms     the matrix products of one training epoch alone, at the shapes the model gives them
            (OpenBLAS, 1 thread, hot caches): what an epoch would cost if everything else were free,
            against the floor and against a measured `staleness train` epoch.
  delays    one epoch at batch 64 with delay 0, 32, 256 and 32 emulated workers: seconds, ratio to
            delay 0, delay-buffer bytes and peak resident memory.
"""
import argparse
import functools
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BIN = os.path.join(ROOT, ".build", "release", "staleness")

# Multiply-adds of LeNet-5 per example, forward: conv1, conv2, conv3 (dense 400->120), fc1, fc2.
FORWARD_MACS = 6 * 25 * 28 * 28 + 16 * 150 * 10 * 10 + 120 * 400 + 84 * 120 + 10 * 84
# Backward: weight gradients of every layer plus input gradients of all but conv1.
BACKWARD_MACS = 2 * FORWARD_MACS - 6 * 25 * 28 * 28
FLOPS_PER_EXAMPLE = 2 * (FORWARD_MACS + BACKWARD_MACS)


def peak_rss_and_output(command, env=None):
    """Runs `command` under /usr/bin/time; returns (stdout, peak resident MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        result = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", timing.name] + command,
                                capture_output=True, text=True, env=env)
        if result.returncode != 0:
            sys.exit(f"benchmark: {' '.join(command)} failed:\n{result.stderr}")
        return result.stdout, int(timing.read().strip().splitlines()[-1]) / 1024


def swift_run(data, batch, threads, epochs=1, optimizer="sgd", lr=0.01, seed=1, extra=(), binary=BIN):
    with tempfile.TemporaryDirectory() as out:
        command = [binary, "train", "--data", data, "--epochs", str(epochs), "--batch", str(batch),
                   "--threads", str(threads), "--optimizer", optimizer, "--lr", str(lr), "--seed", str(seed),
                   "--out", out, "--json", *extra]
        stdout, rss = peak_rss_and_output(command)
        summary = json.loads(stdout)
        with open(os.path.join(out, "metrics.jsonl")) as f:
            epochs_seen = [json.loads(line) for line in f]
        seconds = sum(e["seconds"] for e in epochs_seen if e["epoch"] > 0) / epochs
        return {"seconds": seconds, "accuracy": summary["finalTestAccuracy"], "rss": rss,
                "buffer": summary["delayBufferBytes"]}


def torch_run(data, batch, threads, epochs=1, optimizer="sgd", lr=0.01, seed=1):
    command = [sys.executable, os.path.join(HERE, "pytorch_lenet.py"), "train", "--data", data, "--epochs", str(epochs),
               "--batch", str(batch), "--threads", str(threads), "--optimizer", optimizer, "--lr", str(lr),
               "--seed", str(seed)]
    stdout, rss = peak_rss_and_output(command)
    result = json.loads(stdout.strip().splitlines()[-1])
    return {"seconds": sum(result["seconds_per_epoch"]) / epochs, "accuracy": result["test_accuracy"][-1],
            "rss": rss}


@functools.cache
def gemm_peak_program():
    """benchmarks/gemm_peak.c, compiled once per invocation."""
    exe = os.path.join(tempfile.gettempdir(), "staleness_gemm_peak")
    subprocess.run(["gcc", "-O2", os.path.join(HERE, "gemm_peak.c"), "-o", exe, "-lopenblas"], check=True)
    return exe


def gemm_peak(threads):
    return float(subprocess.run([gemm_peak_program(), str(threads)], capture_output=True, text=True,
                                check=True).stdout)


def speed(args):
    print(f"FLOPs per epoch (60,000 examples, forward + backward): {FLOPS_PER_EXAMPLE * 60000 / 1e9:.1f} GFLOP")
    print("peak: best 1024³ OpenBLAS sgemm rate of readings taken before each repeat; floor = FLOPs / peak\n")
    baseline = f" | {'base s':>7} {'base/floor':>10} {'base/swift':>10}" if args.baseline else ""
    print(f"{'batch':>5} {'thr':>3} | {'swift s':>8} {'torch s':>8} {'torch/swift':>11} | {'peak':>6} "
          f"{'floor s':>7} {'swift/floor':>11} | {'swift MB':>8} {'torch MB':>8}" + baseline)
    for batch in args.batches:
        for t in args.threads:
            # Each side runs --repeats times, in turn, with a peak reading before each repeat; the best
            # run of each side counts against the best peak reading, so a burst of load on a shared
            # host neither flatters nor penalises one side, nor the floor.
            runs = {"swift": [], "torch": [], "base": []}
            peak = 0.0
            for _ in range(args.repeats):
                peak = max(peak, gemm_peak(t))
                runs["swift"].append(swift_run(args.data, batch, t))
                runs["torch"].append(torch_run(args.data, batch, t))
                if args.baseline:
                    runs["base"].append(swift_run(args.data, batch, t, binary=args.baseline))
            s, p = (min(runs[k], key=lambda r: r["seconds"]) for k in ("swift", "torch"))
            floor = FLOPS_PER_EXAMPLE * 60000 / 1e9 / peak
            line = (f"{batch:>5} {t:>3} | {s['seconds']:>8.2f} {p['seconds']:>8.2f} {p['seconds'] / s['seconds']:>10.2f}× | "
                    f"{peak:>6.1f} {floor:>7.2f} {s['seconds'] / floor:>10.2f}× | {s['rss']:>8.0f} {p['rss']:>8.0f}")
            if args.baseline:
                b = min(runs["base"], key=lambda r: r["seconds"])
                line += f" | {b['seconds']:>7.2f} {b['seconds'] / floor:>9.2f}× {b['seconds'] / s['seconds']:>9.2f}×"
            print(line, flush=True)


def gemms(args):
    exe = os.path.join(tempfile.gettempdir(), "staleness_gemm_shapes")
    subprocess.run(["gcc", "-O2", os.path.join(HERE, "gemm_shapes.c"), "-o", exe, "-lopenblas"], check=True)
    peak = gemm_peak(1)
    floor = FLOPS_PER_EXAMPLE * 60000 / 1e9 / peak
    print(f"peak sgemm (OpenBLAS, 1024³), 1 thread: {peak:.1f} GFLOP/s → floor {floor:.2f} s/epoch")
    for batch in args.batches:
        report = subprocess.run([exe, str(batch)], capture_output=True, text=True, check=True).stdout
        products = float(report.strip().splitlines()[-1].split()[1])
        s = swift_run(args.data, batch, 1)
        print(f"\nbatch {batch}:\n{report.rstrip()}")
        print(f"products alone: {products / floor:.2f}× the floor; staleness train epoch {s['seconds']:.2f} s = "
              f"{s['seconds'] / floor:.2f}× the floor, of which {100 * products / s['seconds']:.0f}% products",
              flush=True)


def fidelity(args):
    print(f"{'optimizer':>9} {'lr':>6} | {'swift acc %':>11} {'torch acc %':>11} {'diff pts':>8}   (5 epochs, batch 64, "
          f"mean of seeds {args.seeds})")
    for optimizer, lr in (("sgd", 0.01), ("adam", 0.001)):
        swift = [swift_run(args.data, 64, args.threads[0], epochs=5, optimizer=optimizer, lr=lr, seed=s)["accuracy"]
                 for s in args.seeds]
        torch = [torch_run(args.data, 64, args.threads[0], epochs=5, optimizer=optimizer, lr=lr, seed=s)["accuracy"]
                 for s in args.seeds]
        ms, mt = 100 * sum(swift) / len(swift), 100 * sum(torch) / len(torch)
        print(f"{optimizer:>9} {lr:>6} | {ms:>11.2f} {mt:>11.2f} {ms - mt:>+8.2f}   "
              f"swift {['%.2f' % (100 * a) for a in swift]} torch {['%.2f' % (100 * a) for a in torch]}", flush=True)


def delays(args):
    cases = [("delay 0", ["--delay", "0"]), ("delay 32", ["--delay", "32"]), ("delay 256", ["--delay", "256"]),
             ("32 emulated workers", ["--emulate-workers", "32", "--sigma", "0.2"])]
    print(f"{'model':>20} | {'s/epoch':>7} {'vs delay 0':>10} | {'buffer MB':>9} {'peak RSS MB':>11} {'RSS growth':>10}")
    base = None
    for name, extra in cases:
        r = swift_run(args.data, 64, args.threads[0], extra=extra)
        base = base or r
        print(f"{name:>20} | {r['seconds']:>7.2f} {100 * (r['seconds'] / base['seconds'] - 1):>+9.1f}% | "
              f"{r['buffer'] / 1e6:>9.1f} {r['rss']:>11.0f} {r['rss'] - base['rss']:>+10.0f}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["speed", "gemms", "fidelity", "delays"])
    parser.add_argument("--data", default=os.environ.get("STALENESS_DATA", os.path.join(ROOT, "..", "shared", "data", "mnist")))
    parser.add_argument("--batches", type=int, nargs="+", default=[32, 64, 128, 256])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeats", type=int, default=3, help="speed: runs per configuration, best taken")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--baseline", metavar="BINARY",
                        help="speed: also time this `staleness` build (e.g. one of an earlier commit) in the same run")
    args = parser.parse_args()
    if not os.path.exists(BIN):
        sys.exit("benchmark: build first with `swift build -c release` (or run benchmarks/training.sh)")
    {"speed": speed, "gemms": gemms, "fidelity": fidelity, "delays": delays}[args.mode](args)


if __name__ == "__main__":
    main()
