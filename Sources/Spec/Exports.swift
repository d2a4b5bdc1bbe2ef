// Policies are JSON documents: whoever uses the spec's model uses JSONValue too.
@_exported import JSON
