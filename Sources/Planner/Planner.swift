import Spec

/// Compares a desired registry with the live one. The diff arrives with the plan issue.
public enum Planner {}
