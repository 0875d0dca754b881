// The benchmark's workloads live here so a test can run them at a tiny scale.
