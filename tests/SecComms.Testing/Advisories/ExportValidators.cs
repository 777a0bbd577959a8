using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using SecComms.Core.Advisories.Exports;

namespace SecComms.Testing.Advisories;

/// <summary>The validators the exports must pass: the official CSAF validator library, and the OSV and CVE schemas.</summary>
public static class ExportValidators
{
    private static readonly Lazy<JsonSchema> Osv = new(() => Schema("osv-schema.json"));
    private static readonly Lazy<JsonSchema> Cve = new(() => Schema("cve-record-format-5.x-bundled.json"));

    /// <summary>Problems the OSV schema finds, empty when the record is valid.</summary>
    public static IReadOnlyList<string> OsvProblems(JsonObject record) => Problems(Osv.Value, record);

    /// <summary>Problems the CVE record schema finds, empty when the record is valid.</summary>
    public static IReadOnlyList<string> CveProblems(JsonObject record) => Problems(Cve.Value, record);

    /// <summary>
    /// Failed tests of the CSAF validator library (the strict 2.0 schema and every mandatory test), as
    /// "test: path message", empty when the document is valid.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CsafProblems(JsonObject document) => (await CsafValidator.ValidateAsync(document)).Problems;

    /// <summary>
    /// Warnings of the CSAF optional tests the exports are held to: 6.2.11 (a canonical URL), 6.2.13 (members in sorted
    /// order) and 6.2.16 (a product identification helper on every product), empty when the document passes them.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CsafWarnings(JsonObject document) => (await CsafValidator.ValidateAsync(document)).Warnings;

    private static JsonSchema Schema(string name)
    {
        using var stream = typeof(ExportValidators).Assembly.GetManifestResourceStream($"Schemas/{name}")
            ?? throw new InvalidOperationException($"The test assembly embeds no schema named {name}.");
        var schema = JsonNode.Parse(stream)!.AsObject();
        DropNestedDialects(schema, root: true);
        return JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>
    /// Removes <c>$schema</c> from embedded subschemas. The CVE schema embeds FIRST's CVSS schemas, which still name
    /// draft-04; under draft-07, the CVE schema's dialect, <c>$schema</c> only counts at the root, and the keywords
    /// those subschemas use mean the same in both drafts.
    /// </summary>
    private static void DropNestedDialects(JsonNode? node, bool root)
    {
        switch (node)
        {
            case JsonObject obj:
                if (!root)
                {
                    obj.Remove("$schema");
                }
                foreach (var (_, value) in obj.ToList())
                {
                    DropNestedDialects(value, root: false);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    DropNestedDialects(item, root: false);
                }
                break;
        }
    }

    private static List<string> Problems(JsonSchema schema, JsonObject document)
    {
        using var parsed = JsonDocument.Parse(ExportJson.Serialize(document));
        var results = schema.Evaluate(parsed.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return [];
        }
        return [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}"))];
    }

    /// <summary>The first folder above the test assembly that holds <paramref name="relative"/>/<paramref name="file"/>.</summary>
    internal static string? Ancestor(string relative, string file)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relative);
            if (File.Exists(Path.Combine(candidate, file)))
            {
                return candidate;
            }
        }
        return null;
    }
}
