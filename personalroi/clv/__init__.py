"""Customer lifetime value: purchase history per arm and the BG/NBD + Gamma-Gamma forecast."""
