using System.Text.Json.Nodes;

namespace SecComms.Core.Advisories.Exports;

/// <summary>
/// Builds the CSAF product tree while the vulnerabilities are written: vendor, then product, then one
/// <c>product_version_range</c> per affected range and one <c>product_version</c> per fixed version, each with a product id
/// and, when the vulnerability names its product's CPE or package URL, a product identification helper.
/// </summary>
/// <remarks>
/// Affected ranges are written as <c>vers:</c> ranges rather than as product versions, because CSAF 2.0 forbids
/// range words such as "&lt;" or "prior to" in a <c>product_version</c> (mandatory test 6.1.31) and a list of every
/// affected release would run to hundreds of entries. A minor line such as 15.4 is the semantic version 15.4.0, so a
/// range is <c>vers:semver</c> whenever both ends read as one. The same range of the same product gets one id, however
/// many vulnerabilities name it. A range's helper names the product (its CPE version <c>*</c>, its package URL without
/// one); a fixed version's names that version.
/// </remarks>
internal sealed class CsafProductTree
{
    private readonly List<Entry> _entries = [];

    /// <summary>The product id of the versions from the range's start up to, not including, its fix.</summary>
    public string AffectedRange(AdvisoryVulnerability vulnerability, AffectedRange range)
    {
        var semantic = ExportJson.SemanticRange(range);
        var (scheme, ends) = semantic is null ? ("generic", range) : ("semver", semantic);
        var constraint = ends.Introduced == "0" ? $"<{ends.Fixed}" : $">={ends.Introduced}|<{ends.Fixed}";
        var description = ends.Introduced == "0" ? $"before {range.Fixed}" : $"from {range.Introduced} before {range.Fixed}";
        return Id(vulnerability, "product_version_range", $"vers:{scheme}/{constraint}", description, Helper(vulnerability, null));
    }

    /// <summary>The product id of one fixed version.</summary>
    public string FixedVersion(AdvisoryVulnerability vulnerability, string version) =>
        Id(vulnerability, "product_version", version, version, Helper(vulnerability, version));

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

    private static JsonObject Branch(Entry entry)
    {
        var product = new JsonObject
        {
            ["name"] = $"{ProductName(entry.Vendor, entry.Product)} {entry.Description}",
            ["product_id"] = entry.ProductId,
        };
        if (entry.Helper is { } helper)
        {
            product["product_identification_helper"] = helper.DeepClone();
        }
        return new JsonObject { ["category"] = entry.Category, ["name"] = entry.Name, ["product"] = product };
    }

    /// <summary>"Example Corp Platform", but "GitLab EE" rather than "GitLab GitLab EE" when the product already names its vendor.</summary>
    private static string ProductName(string vendor, string product) =>
        product.Equals(vendor, StringComparison.OrdinalIgnoreCase) || product.StartsWith(vendor + " ", StringComparison.OrdinalIgnoreCase)
            ? product
            : $"{vendor} {product}";

    private static JsonObject? Helper(AdvisoryVulnerability vulnerability, string? version)
    {
        if (vulnerability.Cpe is null && vulnerability.Purl is null)
        {
            return null;
        }
        var helper = new JsonObject();
        if (vulnerability.Cpe is { } cpe)
        {
            helper["cpe"] = version is null ? cpe : CpeName.WithVersion(cpe, version);
        }
        if (vulnerability.Purl is { } purl)
        {
            helper["purl"] = version is null ? purl : PackageUrl.WithVersion(purl, version);
        }
        return helper;
    }

    private string Id(AdvisoryVulnerability vulnerability, string category, string name, string description, JsonObject? helper)
    {
        var existing = _entries.Find(e => e.Vendor == vulnerability.Vendor && e.Product == vulnerability.Product && e.Category == category && e.Name == name);
        if (existing is not null)
        {
            return existing.ProductId;
        }
        var entry = new Entry(vulnerability.Vendor, vulnerability.Product, category, name, description, $"CSAFPID-{_entries.Count + 1}", helper);
        _entries.Add(entry);
        return entry.ProductId;
    }

    private sealed record Entry(string Vendor, string Product, string Category, string Name, string Description, string ProductId, JsonObject? Helper);
}
