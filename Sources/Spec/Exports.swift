// The spec decodes into the model's values: whoever reads a spec uses them too.
@_exported import Model
