using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SecComms.Core.Advisories.Exports;

/// <summary>What the three exports share: how they write JSON, times and versions.</summary>
public static partial class ExportJson
{
    /// <remarks>
    /// Non-ASCII text (names, accents) is written as is: these documents are served as <c>application/json</c>, never
    /// inlined in HTML, so escaping it would only make them harder to read.
    /// </remarks>
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document as indented UTF-8 JSON, ready to serve or store.</summary>
    public static byte[] Serialize(JsonNode document) => JsonSerializer.SerializeToUtf8Bytes(document, Options);

    /// <summary>Whether <paramref name="version"/> reads as a semantic version (<c>0</c> standing for the very first).</summary>
    internal static bool IsSemanticVersion(string version) => version == "0" || SemanticVersion().IsMatch(version);

    internal static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    internal static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(item => (JsonNode?)JsonValue.Create(item))]);

    [GeneratedRegex("^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemanticVersion();
}
