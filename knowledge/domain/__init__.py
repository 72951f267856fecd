"""Domain layer: communes, criteria and targets, and the SQL storage they live in."""
