#!/usr/bin/env python3
"""Start-up time of a command, whole process: python3 tools/startup-time/bench.py N CMD... prints the minimum and
median wall and CPU (user+sys) seconds of N runs and the 1-minute load average (docs/benchmarks.md)."""
import os, resource, statistics, subprocess, sys, time
n = int(sys.argv[1]); cmd = sys.argv[2:]
wall, cpu = [], []
for _ in range(n):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN); t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    t1 = time.perf_counter(); r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall.append(t1 - t0); cpu.append((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
print(f"wall min {min(wall):.2f} median {statistics.median(wall):.2f} | cpu min {min(cpu):.2f} median {statistics.median(cpu):.2f} | n={n} load {os.getloadavg()[0]:.1f}")
