// Policies are JSON documents: whoever uses the model uses JSONValue too.
@_exported import JSON
