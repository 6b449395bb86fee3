"""Pure statistics on frozen sufficient-statistic objects: no I/O, no DataFrames."""
