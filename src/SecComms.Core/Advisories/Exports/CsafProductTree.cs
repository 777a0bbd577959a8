using System.Text.Json.Nodes;

namespace SecComms.Core.Advisories.Exports;

/// <summary>
/// Builds the CSAF product tree while the vulnerabilities are written: vendor, then product, then one
/// <c>product_version_range</c> per affected range and one <c>product_version</c> per fixed version, each with a product id.
/// </summary>
/// <remarks>
/// Affected ranges are written as <c>vers:</c> ranges rather than as product versions, because CSAF 2.0 forbids
/// range words such as "&lt;" or "prior to" in a <c>product_version</c> (mandatory test 6.1.31) and a list of every
/// affected release would run to hundreds of entries. The same range of the same product gets one id, however many
/// vulnerabilities name it.
/// </remarks>
internal sealed class CsafProductTree
{
    private readonly List<Entry> _entries = [];

    /// <summary>The product id of the versions from the range's start up to, not including, its fix.</summary>
    public string AffectedRange(AdvisoryVulnerability vulnerability, AffectedRange range)
    {
        var scheme = ExportJson.IsSemanticVersion(range.Introduced) && ExportJson.IsSemanticVersion(range.Fixed) ? "semver" : "generic";
        var constraint = range.Introduced == "0" ? $"<{range.Fixed}" : $">={range.Introduced}|<{range.Fixed}";
        var description = range.Introduced == "0" ? $"before {range.Fixed}" : $"from {range.Introduced} before {range.Fixed}";
        return Id(vulnerability, "product_version_range", $"vers:{scheme}/{constraint}", description);
    }

    /// <summary>The product id of one fixed version.</summary>
    public string FixedVersion(AdvisoryVulnerability vulnerability, string version) =>
        Id(vulnerability, "product_version", version, version);

    public JsonObject ToJson() => new()
    {
        ["branches"] = ExportJson.Array(_entries.GroupBy(e => e.Vendor, StringComparer.Ordinal).Select(vendor => new JsonObject
        {
            ["category"] = "vendor",
            ["name"] = vendor.Key,
            ["branches"] = ExportJson.Array(vendor.GroupBy(e => e.Product, StringComparer.Ordinal).Select(product => new JsonObject
            {
                ["category"] = "product_name",
                ["name"] = product.Key,
                ["branches"] = ExportJson.Array(product.Select(Branch)),
            })),
        })),
    };

    private static JsonObject Branch(Entry entry) => new()
    {
        ["category"] = entry.Category,
        ["name"] = entry.Name,
        ["product"] = new JsonObject
        {
            ["name"] = $"{entry.Vendor} {entry.Product} {entry.Description}",
            ["product_id"] = entry.ProductId,
        },
    };

    private string Id(AdvisoryVulnerability vulnerability, string category, string name, string description)
    {
        var existing = _entries.Find(e => e.Vendor == vulnerability.Vendor && e.Product == vulnerability.Product && e.Category == category && e.Name == name);
        if (existing is not null)
        {
            return existing.ProductId;
        }
        var entry = new Entry(vulnerability.Vendor, vulnerability.Product, category, name, description, $"CSAFPID-{_entries.Count + 1}");
        _entries.Add(entry);
        return entry.ProductId;
    }

    private sealed record Entry(string Vendor, string Product, string Category, string Name, string Description, string ProductId);
}
