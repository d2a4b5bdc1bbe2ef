// The planner diffs the model's values: whoever reads a plan uses them too.
@_exported import Model
