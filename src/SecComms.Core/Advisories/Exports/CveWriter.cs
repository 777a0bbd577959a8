using System.Text.Json.Nodes;
using SecComms.Core.Errors;

namespace SecComms.Core.Advisories.Exports;

/// <summary>Writes the CVE JSON 5.x record of each vulnerability that has a CVE id.</summary>
/// <remarks>
/// The CNA container (<c>containers.cna</c>) is what a CNA submits to publish a CVE; it is wrapped in a whole record
/// in the PUBLISHED state, as the CVE program's schema validates whole records. A draft advisory gives the record as
/// it will be submitted, without the publication dates.
/// </remarks>
public sealed class CveWriter(AdvisoryPublisherOptions publisher)
{
    public const string MediaType = "application/json";
    public const string DataVersion = "5.1";
    private const int MaxTitle = 256;
    private const int MaxDescription = 4096;

    /// <summary>The CVE record of every vulnerability of <paramref name="document"/>, in order.</summary>
    /// <exception cref="ConflictException">A vulnerability has no CVE id yet, or the CNA's organization id is not set.</exception>
    /// <exception cref="ValidationException">The advisory lacks something a CVE record needs, each problem named.</exception>
    public IReadOnlyList<JsonObject> Write(AdvisoryDocument document)
    {
        AdvisoryDocumentRules.Check(document);
        return [.. document.Vulnerabilities.Select(v => Record(document, v))];
    }

    /// <summary>The CVE record of the vulnerability of <paramref name="document"/> whose CVE id is <paramref name="cveId"/>.</summary>
    /// <exception cref="NotFoundException">No vulnerability of the advisory has that CVE id.</exception>
    public JsonObject Write(AdvisoryDocument document, string cveId)
    {
        AdvisoryDocumentRules.Check(document);
        var vulnerability = document.Vulnerabilities.FirstOrDefault(v => string.Equals(v.CveId, cveId, StringComparison.OrdinalIgnoreCase))
            ?? throw new NotFoundException($"{document.TrackingId} has no vulnerability with the CVE id {cveId}.");
        return Record(document, vulnerability);
    }

    private JsonObject Record(AdvisoryDocument document, AdvisoryVulnerability vulnerability)
    {
        var cveId = vulnerability.CveId
            ?? throw new ConflictException($"{vulnerability.Reference} has no CVE id yet; the CVE record needs one.");
        var orgId = publisher.CveOrgId
            ?? throw new ConflictException($"CVE records need the CNA's organization id; set {AdvisoryPublisherOptions.Section}:CveOrgId.");
        var references = References(document, vulnerability);
        var index = IndexOf(document, vulnerability);
        new Validation()
            .Require(vulnerability.Title.Length <= MaxTitle, $"Vulnerabilities[{index}].Title", $"A CVE record's title has at most {MaxTitle} characters; {vulnerability.Reference}'s has {vulnerability.Title.Length}.")
            .Require(vulnerability.Description.Length <= MaxDescription, $"Vulnerabilities[{index}].Description", $"A CVE record's description has at most {MaxDescription:N0} characters; {vulnerability.Reference}'s has {vulnerability.Description.Length:N0}.")
            .Require(references.Count > 0, $"Vulnerabilities[{index}].References", $"A CVE record needs at least one reference: give {vulnerability.Reference} one, or publish the advisory so its page can be named.")
            .ThrowIfInvalid();

        var metadata = new JsonObject { ["cveId"] = cveId, ["assignerOrgId"] = orgId };
        var provider = new JsonObject { ["orgId"] = orgId };
        if (publisher.CveShortName is { } shortName)
        {
            metadata["assignerShortName"] = shortName;
            provider["shortName"] = shortName;
        }
        metadata["state"] = "PUBLISHED";
        if (document.State == AdvisoryState.Final)
        {
            metadata["datePublished"] = Rfc3339.Format(document.InitialReleaseDate);
            metadata["dateUpdated"] = Rfc3339.Format(document.CurrentReleaseDate);
        }

        var cna = new JsonObject { ["providerMetadata"] = provider, ["title"] = vulnerability.Title };
        if (document.State == AdvisoryState.Final)
        {
            cna["datePublic"] = Rfc3339.Format(document.InitialReleaseDate);
        }
        cna["descriptions"] = ExportJson.Array([English(vulnerability.Description)]);
        cna["affected"] = ExportJson.Array([Affected(vulnerability)]);
        if (vulnerability.CweId is { } cwe)
        {
            cna["problemTypes"] = ExportJson.Array([ProblemType(cwe)]);
        }
        if (Metrics(vulnerability) is { Count: > 0 } metrics)
        {
            cna["metrics"] = ExportJson.Array(metrics);
        }
        cna["solutions"] = ExportJson.Array([English(FixedVersions.Advice(vulnerability))]);
        if (vulnerability.Credits.Count > 0)
        {
            cna["credits"] = ExportJson.Array(vulnerability.Credits.Distinct().Select(credit => new JsonObject
            {
                ["lang"] = "en",
                ["value"] = CreditRoles.Sentence(credit),
                ["type"] = CreditRoles.CveType(credit),
            }));
        }
        cna["references"] = ExportJson.Array(references);

        return new JsonObject
        {
            ["dataType"] = "CVE_RECORD",
            ["dataVersion"] = DataVersion,
            ["cveMetadata"] = metadata,
            ["containers"] = new JsonObject { ["cna"] = cna },
        };
    }

    /// <remarks>A minor line such as 15.4 is the semantic version 15.4.0, so a range is <c>semver</c> whenever both ends read as one.</remarks>
    private static JsonObject Affected(AdvisoryVulnerability vulnerability)
    {
        var json = new JsonObject { ["vendor"] = vulnerability.Vendor, ["product"] = vulnerability.Product };
        if (vulnerability.Cpe is { } cpe)
        {
            json["cpes"] = ExportJson.Strings([cpe]);
        }
        json["versions"] = ExportJson.Array(vulnerability.Affected.Select(range => ExportJson.SemanticRange(range) is { } semantic
                ? (Range: semantic, Type: "semver")
                : (Range: range, Type: "custom"))
            .Distinct()
            .Select(r => new JsonObject
            {
                ["version"] = r.Range.Introduced,
                ["status"] = "affected",
                ["lessThan"] = r.Range.Fixed,
                ["versionType"] = r.Type,
            }));
        json["defaultStatus"] = "unaffected";
        return json;
    }

    private static JsonObject ProblemType(string cweId)
    {
        var name = CweCatalogue.NameOf(cweId);
        return new JsonObject
        {
            ["descriptions"] = ExportJson.Array([new JsonObject
            {
                ["lang"] = "en",
                ["description"] = name is null ? cweId : $"{cweId}: {name}",
                ["cweId"] = cweId,
                ["type"] = "CWE",
            }]),
        };
    }

    private static List<JsonNode> Metrics(AdvisoryVulnerability vulnerability)
    {
        var metrics = new List<JsonNode>();
        if (vulnerability.Cvss31 is { } v3)
        {
            metrics.Add(new JsonObject { ["format"] = "CVSS", ["scenarios"] = General(), ["cvssV3_1"] = CvssJson.Write(v3) });
        }
        if (vulnerability.Cvss40 is { } v4)
        {
            metrics.Add(new JsonObject { ["format"] = "CVSS", ["scenarios"] = General(), ["cvssV4_0"] = CvssJson.Write(v4) });
        }
        return metrics;
    }

    private static JsonArray General() => ExportJson.Array([new JsonObject { ["lang"] = "en", ["value"] = "GENERAL" }]);

    private static List<JsonNode> References(AdvisoryDocument document, AdvisoryVulnerability vulnerability)
    {
        var references = new List<JsonNode>();
        if (document.PublicUrl is { } url)
        {
            references.Add(new JsonObject
            {
                ["url"] = url.AbsoluteUri,
                ["name"] = document.Title,
                ["tags"] = ExportJson.Strings(["vendor-advisory"]),
            });
        }
        references.AddRange(vulnerability.References.Where(r => r != document.PublicUrl).Distinct().Select(r => new JsonObject { ["url"] = r.AbsoluteUri }));
        return references;
    }

    private static JsonObject English(string text) => new() { ["lang"] = "en", ["value"] = text };

    private static int IndexOf(AdvisoryDocument document, AdvisoryVulnerability vulnerability)
    {
        for (var i = 0; i < document.Vulnerabilities.Count; i++)
        {
            if (ReferenceEquals(document.Vulnerabilities[i], vulnerability))
            {
                return i;
            }
        }
        return -1;
    }
}
