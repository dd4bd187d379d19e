"""Answer-quality evaluation (`attache eval`) and the performance benchmark (`attache bench`)."""
