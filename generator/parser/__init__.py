"""Parse stage: a loaded OpenAPI `Spec` -> the IR `Package` (`parse.parse`), one module per seam
(schemas, objects, enums, unions, endpoints, operations, Swagger 2, package, names), and the
naming rules every Python name comes from (`naming`). Kept empty so that the command line can
read `naming` without importing the parser."""
