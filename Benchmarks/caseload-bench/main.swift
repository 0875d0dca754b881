print("caseload-bench: not built yet")
