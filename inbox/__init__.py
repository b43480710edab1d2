"""The reporting inbox and system of record: archive, intake, cases, exports, web UI."""
