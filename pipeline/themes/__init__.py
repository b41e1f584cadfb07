"""How themes travel: timelines, first mentions, text reuse between reports,
co-occurrence of labels, and a concordance (kwic). Each module is one view over
the evidence table or the reports' passages; outputs.py turns them into files
and the report page's data."""
