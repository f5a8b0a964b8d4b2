"""The PDF workshop report, built with ReportLab Platypus (one module per section)."""
