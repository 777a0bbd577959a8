using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SecComms.Core.Communications;

namespace SecComms.Web.Pages;

/// <summary>The API reference, rendered on the server from the same OpenAPI document that <c>/openapi/v1.json</c> serves.</summary>
/// <remarks>No Swagger UI or Scalar: both need inline script or style, which the Content-Security-Policy forbids.</remarks>
public sealed class ApiReferenceModel([FromKeyedServices(ApiReferenceModel.DocumentName)] IOpenApiDocumentProvider documents) : PageModel
{
    public const string DocumentName = "v1";

    public sealed record ApiParameter(string Name, string In, bool Required, string Type, string? Description);

    public sealed record ApiResponse(string Status, string? Description, string? Schema);

    public sealed record ApiOperation(string Anchor, string Method, string Path, string? Summary, string? Description,
        IReadOnlyList<ApiParameter> Parameters, string? RequestBody, IReadOnlyList<ApiResponse> Responses);

    public sealed record ApiTag(string Name, string? Description, IReadOnlyList<ApiOperation> Operations);

    public sealed record ApiProperty(string Name, string Type, bool Required, string? Description);

    public sealed record ApiSchema(string Name, string Type, IReadOnlyList<ApiProperty> Properties, IReadOnlyList<string> Values);

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public string? Version { get; private set; }

    public IReadOnlyList<ApiTag> Tags { get; private set; } = [];

    public IReadOnlyList<ApiSchema> Schemas { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var document = await documents.GetOpenApiDocumentAsync(cancellationToken);
        Title = document.Info.Title ?? "API";
        Description = document.Info.Description;
        Version = document.Info.Version;
        var operations =
            from path in document.Paths
            from op in path.Value.Operations ?? []
            select (Tag: op.Value.Tags?.FirstOrDefault()?.Name ?? "Other", Operation: Describe(path.Key, op.Key, op.Value));
        Tags = [.. operations
            .GroupBy(o => o.Tag, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ApiTag(g.Key, document.Tags?.FirstOrDefault(t => t.Name == g.Key)?.Description,
                [.. g.Select(o => o.Operation).OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => MethodOrder(o.Method))]))];
        Schemas = [.. (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new ApiSchema(s.Key, TypeOf(s.Value),
                [.. (s.Value.Properties ?? new Dictionary<string, IOpenApiSchema>()).Select(p =>
                    new ApiProperty(p.Key, TypeOf(p.Value), s.Value.Required?.Contains(p.Key) == true, p.Value.Description))],
                [.. (s.Value.Enum ?? []).Select(v => v?.ToJsonString() ?? "null")]))];
    }

    public static string SchemaAnchor(string name) => "schema-" + name;

    /// <summary>OpenAPI descriptions are CommonMark; they are rendered and sanitized like any communication body.</summary>
    public static string Markdown(string? text) => string.IsNullOrWhiteSpace(text) ? "" : MarkdownRenderer.ToSafeHtml(text);

    private static ApiOperation Describe(string path, HttpMethod method, OpenApiOperation operation)
    {
        var name = method.Method.ToUpperInvariant();
        return new ApiOperation(
            "op-" + (operation.OperationId ?? $"{name}-{path}"),
            name,
            path,
            operation.Summary,
            operation.Description,
            [.. (operation.Parameters ?? []).Select(p => new ApiParameter(p.Name ?? "", p.In?.ToString().ToLowerInvariant() ?? "", p.Required, TypeOf(p.Schema), p.Description))],
            operation.RequestBody?.Content?.Values.Select(c => TypeOf(c.Schema)).FirstOrDefault(),
            [.. (operation.Responses ?? []).Select(r => new ApiResponse(r.Key, r.Value.Description,
                r.Value.Content?.Values.Select(c => TypeOf(c.Schema)).FirstOrDefault()))]);
    }

    /// <summary>A schema as a reader thinks of it: a named type, an array of one, or a JSON type with its format.</summary>
    public static string TypeOf(IOpenApiSchema? schema)
    {
        switch (schema)
        {
            case null:
                return "";
            case OpenApiSchemaReference reference when reference.Reference.Id is { } id:
                return id;
        }
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.Array))
        {
            return TypeOf(schema.Items) + "[]";
        }
        var alternatives = schema.OneOf ?? schema.AnyOf;
        if (alternatives is { Count: > 0 })
        {
            return string.Join(" | ", alternatives.Select(TypeOf).Where(t => t.Length > 0));
        }
        var names = schema.Type is { } flags
            ? Enum.GetValues<JsonSchemaType>().Where(t => flags.HasFlag(t)).Select(t => t.ToString().ToLowerInvariant())
            : ["any"];
        var text = string.Join(" | ", names);
        return schema.Format is { } format ? $"{text} ({format})" : text;
    }

    private static int MethodOrder(string method) => Array.IndexOf(["GET", "POST", "PUT", "PATCH", "DELETE"], method) is var i and >= 0 ? i : 9;
}
