"""netpath-mock: a deterministic contract simulator for network-path monitoring APIs."""
