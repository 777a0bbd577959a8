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

    /// <summary>
    /// <paramref name="version"/> as a semantic version, or null when it cannot be one: a minor line such as <c>15.4</c>
    /// is <c>15.4.0</c>, a major version <c>15</c> is <c>15.0.0</c>, and a version of zeros is <c>0</c>, the very first.
    /// Four-part versions and numbers with leading zeros are not semantic versions.
    /// </summary>
    internal static string? SemanticVersion(string version)
    {
        if (ShortVersion().IsMatch(version) && version.All(c => c is '0' or '.'))
        {
            return "0";
        }
        if (SemanticVersionPattern().IsMatch(version))
        {
            return version;
        }
        return ShortVersion().IsMatch(version) ? version + (version.Contains('.', StringComparison.Ordinal) ? ".0" : ".0.0") : null;
    }

    /// <summary>The range with both ends as semantic versions, or null when either end cannot be one.</summary>
    internal static AffectedRange? SemanticRange(AffectedRange range) =>
        SemanticVersion(range.Introduced) is { } introduced && SemanticVersion(range.Fixed) is { } fixedIn ? new(introduced, fixedIn) : null;

    internal static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    internal static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(item => (JsonNode?)JsonValue.Create(item))]);

    /// <summary>A copy of <paramref name="node"/> whose objects list their members in <see cref="KeyOrder"/>; arrays keep their order.</summary>
    internal static JsonNode? SortedKeys(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(member => member.Key, KeyOrder.Instance)
            .Select(member => KeyValuePair.Create(member.Key, SortedKeys(member.Value)))),
        JsonArray array => new JsonArray([.. array.Select(SortedKeys)]),
        _ => node?.DeepClone(),
    };

    [GeneratedRegex("^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemanticVersionPattern();

    [GeneratedRegex("^(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))?$")]
    private static partial Regex ShortVersion();

    /// <summary>
    /// Member names in the order a collator sorts them, as CSAF's optional test 6.2.13 checks: letters without regard
    /// to case, digits before letters and the underscore before both, a name before the longer ones it begins.
    /// </summary>
    private sealed class KeyOrder : IComparer<string>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var (a, b) = (x ?? "", y ?? "");
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var order = Weight(a[i]).CompareTo(Weight(b[i]));
                if (order != 0)
                {
                    return order;
                }
            }
            return a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(b, a);
        }

        private static int Weight(char c) => c switch
        {
            '_' => 0,
            >= '0' and <= '9' => 1 + c - '0',
            >= 'a' and <= 'z' => 100 + 2 * (c - 'a'),
            >= 'A' and <= 'Z' => 100 + 2 * (c - 'A'),
            _ => 1000 + c,
        };
    }
}
