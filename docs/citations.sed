# Rewrites the source comments' citations of the specification ("SPEC §4", "(SPEC §10, §3)",
# "SPEC §6–§7") to the sections of docs/ ("docs/interviews.md §4"). GNU sed; run from the
# repository's root on the files that cite it:
#
#   sed -i -f docs/citations.sed $(grep -rl "SPEC" Sources Tests Benchmarks)
#
# Never on Migrations/: shipped migrations are frozen (their checksums are recorded), so their
# "SPEC §n" comments stay, resolved by the table in docs/README.md.
#
# Order matters: ranges and lists first, then §10–§15 before §1–§9 (so "SPEC §1" never eats the
# "1" of "SPEC §10").

# Ranges and lists of sections.
s/SPEC §2–§5/docs\/calendar.md §2 to docs\/lifelog.md §5/g
s/SPEC §6–§7/docs\/restrictions.md §6 and docs\/violations.md §7/g
s/SPEC §6–§8/docs\/restrictions.md §6 to docs\/recall.md §8/g
s/SPEC §10, §3/docs\/input.md §10, docs\/terms.md §3/g
s/SPEC §2, §5/docs\/calendar.md §2, docs\/lifelog.md §5/g

# One section each.
s/SPEC §10/docs\/input.md §10/g
s/SPEC §11/docs\/audit.md §11/g
s/SPEC §12/docs\/accounts.md §12/g
s/SPEC §13/docs\/web.md §13/g
s/SPEC §14/docs\/operations.md §14/g
s/SPEC §15/docs\/lifecycle.md §15/g
s/SPEC §1/docs\/roles.md §1/g
s/SPEC §2/docs\/calendar.md §2/g
s/SPEC §3/docs\/terms.md §3/g
s/SPEC §4/docs\/interviews.md §4/g
s/SPEC §5/docs\/lifelog.md §5/g
s/SPEC §6/docs\/restrictions.md §6/g
s/SPEC §7/docs\/violations.md §7/g
s/SPEC §8/docs\/recall.md §8/g
s/SPEC §9/docs\/cli.md §9/g

# The few mentions without a section number: the contact standard's defaults (§4) and the way
# examples are written.
s/the SPEC defaults/the defaults of docs\/interviews.md §4/g
s/the SPEC default/the default of docs\/interviews.md §4/g
s/the SPEC table/the table of docs\/interviews.md §4/g
s/the way the SPEC writes its examples/the way docs\/ writes its worked examples/g
