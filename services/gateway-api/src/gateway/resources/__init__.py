"""The API's resources, one package per resource: routes beside schemas."""
