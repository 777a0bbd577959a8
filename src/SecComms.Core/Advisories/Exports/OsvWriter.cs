using System.Text.Json.Nodes;

namespace SecComms.Core.Advisories.Exports;

/// <summary>Writes an advisory as OSV records (the Open Source Vulnerability format), one per vulnerability.</summary>
/// <remarks>
/// <para>
/// OSV describes one vulnerability per record, so an advisory covering several gives several records. Ids are the
/// configured prefix and the advisory's tracking id (<c>x_SC-12</c>); when an advisory covers more than one
/// vulnerability, each id gets the vulnerability's position (<c>x_SC-12-1</c>, <c>x_SC-12-2</c>) and the records
/// name each other as related.
/// </para>
/// <para>
/// The OSV package comes from the product's package URL when its type is an OSV ecosystem (<c>pkg:npm/…</c> is npm),
/// else from the settings when they name an ecosystem; otherwise there is none. Ranges are <c>SEMVER</c> when both ends
/// read as semantic versions (a minor line such as 15.4 is 15.4.0), otherwise <c>ECOSYSTEM</c>. A draft has no
/// <c>published</c> time.
/// </para>
/// </remarks>
public sealed class OsvWriter(AdvisoryPublisherOptions publisher)
{
    public const string MediaType = "application/json";
    public const string SchemaVersion = "1.7.0";

    /// <summary>One record per vulnerability of <paramref name="document"/>, in the same order.</summary>
    /// <exception cref="Errors.ValidationException">The advisory lacks something every export needs, each problem named.</exception>
    public IReadOnlyList<JsonObject> Write(AdvisoryDocument document)
    {
        AdvisoryDocumentRules.Check(document);
        var ids = Ids(document);
        return [.. document.Vulnerabilities.Select((v, i) => Record(document, v, ids[i], [.. ids.Where((_, j) => j != i)]))];
    }

    /// <summary>The OSV id of each vulnerability of <paramref name="document"/>, in order.</summary>
    public IReadOnlyList<string> Ids(AdvisoryDocument document) => document.Vulnerabilities.Count == 1
        ? [publisher.OsvIdPrefix + document.TrackingId]
        : [.. document.Vulnerabilities.Select((_, i) => $"{publisher.OsvIdPrefix}{document.TrackingId}-{i + 1}")];

    private JsonObject Record(AdvisoryDocument document, AdvisoryVulnerability vulnerability, string id, IReadOnlyList<string> related)
    {
        var json = new JsonObject
        {
            ["schema_version"] = SchemaVersion,
            ["id"] = id,
            ["modified"] = Rfc3339.Format(document.CurrentReleaseDate),
        };
        if (document.State == AdvisoryState.Final)
        {
            json["published"] = Rfc3339.Format(document.InitialReleaseDate);
        }
        if (vulnerability.CveId is { } cve)
        {
            json["aliases"] = ExportJson.Strings([cve]);
        }
        if (related.Count > 0)
        {
            json["related"] = ExportJson.Strings(related);
        }
        json["summary"] = vulnerability.Title;
        json["details"] = vulnerability.Description;
        var severity = new List<JsonNode>();
        if (vulnerability.Cvss31 is { } v3)
        {
            severity.Add(new JsonObject { ["type"] = "CVSS_V3", ["score"] = v3.Vector });
        }
        if (vulnerability.Cvss40 is { } v4)
        {
            severity.Add(new JsonObject { ["type"] = "CVSS_V4", ["score"] = v4.Vector });
        }
        if (severity.Count > 0)
        {
            json["severity"] = ExportJson.Array(severity);
        }
        json["affected"] = ExportJson.Array([Affected(vulnerability)]);
        var references = new List<JsonNode>();
        if (document.PublicUrl is { } url)
        {
            references.Add(new JsonObject { ["type"] = "ADVISORY", ["url"] = url.AbsoluteUri });
        }
        references.AddRange(vulnerability.References.Distinct().Select(r => new JsonObject { ["type"] = "WEB", ["url"] = r.AbsoluteUri }));
        if (references.Count > 0)
        {
            json["references"] = ExportJson.Array(references);
        }
        if (vulnerability.Credits.Count > 0)
        {
            json["credits"] = ExportJson.Array(vulnerability.Credits.Select(Credit));
        }
        json["database_specific"] = DatabaseSpecific(document, vulnerability);
        return json;
    }

    private JsonObject Affected(AdvisoryVulnerability vulnerability)
    {
        var json = new JsonObject();
        if (Package(vulnerability) is { } package)
        {
            json["package"] = package;
        }
        json["ranges"] = ExportJson.Array(vulnerability.Affected.Select(range =>
        {
            var semantic = ExportJson.SemanticRange(range);
            var ends = semantic ?? range;
            return new JsonObject
            {
                ["type"] = semantic is null ? "ECOSYSTEM" : "SEMVER",
                ["events"] = ExportJson.Array(
                [
                    new JsonObject { ["introduced"] = ends.Introduced },
                    new JsonObject { ["fixed"] = ends.Fixed },
                ]),
            };
        }));
        json["database_specific"] = new JsonObject { ["vendor"] = vulnerability.Vendor, ["product"] = vulnerability.Product };
        return json;
    }

    private JsonObject? Package(AdvisoryVulnerability vulnerability)
    {
        JsonObject? package = null;
        if (vulnerability.Purl is { } purl && PackageUrl.OsvPackage(purl) is { } named)
        {
            package = new JsonObject { ["ecosystem"] = named.Ecosystem, ["name"] = named.Name };
        }
        else if (publisher.OsvEcosystem is { } configured)
        {
            package = new JsonObject { ["ecosystem"] = configured, ["name"] = publisher.OsvPackage ?? vulnerability.Product };
        }
        if (package is not null && vulnerability.Purl is { } url)
        {
            package["purl"] = url;
        }
        return package;
    }

    private static JsonObject Credit(AdvisoryCredit credit)
    {
        var json = new JsonObject { ["name"] = CreditRoles.Name(credit), ["type"] = CreditRoles.OsvType(credit) };
        if (CreditRoles.Profile(credit) is { } profile)
        {
            json["contact"] = ExportJson.Strings([profile.AbsoluteUri]);
        }
        return json;
    }

    private JsonObject DatabaseSpecific(AdvisoryDocument document, AdvisoryVulnerability vulnerability)
    {
        var json = new JsonObject
        {
            ["advisory"] = document.TrackingId,
            ["advisory_title"] = document.Title,
            ["publisher"] = publisher.Name,
        };
        if ((vulnerability.Cvss31 ?? vulnerability.Cvss40) is { } cvss)
        {
            json["severity"] = cvss.Severity;
        }
        if (vulnerability.CweId is { } cwe)
        {
            json["cwe_ids"] = ExportJson.Strings([cwe]);
        }
        return json;
    }
}
