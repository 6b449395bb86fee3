"""ROI in money: investment, savings, revenue-lift decomposition, NPV, payback, uncertainty."""
