using System.Reflection;
using System.Text.Json.Nodes;

namespace SecComms.Core.Advisories.Exports;

/// <summary>Writes an advisory as a CSAF 2.0 document of category <c>csaf_security_advisory</c>.</summary>
/// <remarks>
/// <para>
/// TLP: the issue asks for TLP:CLEAR on public documents, but the CSAF 2.0 schema only knows the TLP 1.0 labels, and
/// the official validator rejects <c>CLEAR</c>. TLP 2.0 defines CLEAR as the new name of WHITE with the same meaning
/// (disclosure is not limited), so a published document carries the label <c>WHITE</c> and says TLP:CLEAR in its
/// distribution text. A draft is not public: it carries <c>AMBER</c> and says TLP:AMBER+STRICT (the publisher's
/// organization only) in its text.
/// </para>
/// <para>
/// Versions: revisions are written as semantic versions (<c>2</c> becomes <c>2.0.0</c>) so that a draft, which CSAF
/// requires to carry a pre-release version, can be numbered as the revision it will become: a draft of revision 2
/// is <c>2.0.0-draft</c>.
/// </para>
/// <para>
/// CVSS: CSAF 2.0 has no place for CVSS v4.0, so a 4.0 vector and score go into a note of the vulnerability.
/// </para>
/// <para>
/// Members are written in sorted order and a published document names its canonical address as its <c>self</c>
/// reference, so that it passes the optional tests 6.2.13 and 6.2.11 as well as the mandatory ones.
/// </para>
/// </remarks>
public sealed class CsafWriter(AdvisoryPublisherOptions publisher)
{
    public const string MediaType = "application/json";
    public const string Engine = "SecComms";
    private const string TlpUrl = "https://www.first.org/tlp/";

    /// <summary>The CSAF document for <paramref name="document"/>; serialize it with <see cref="ExportJson.Serialize"/>.</summary>
    /// <exception cref="Errors.ValidationException">The advisory lacks something every export needs, each problem named.</exception>
    public JsonObject Write(AdvisoryDocument document)
    {
        AdvisoryDocumentRules.Check(document);
        var products = new CsafProductTree();
        var vulnerabilities = ExportJson.Array(document.Vulnerabilities.Select(v => Vulnerability(document, v, products)));
        return (JsonObject)ExportJson.SortedKeys(new JsonObject
        {
            ["document"] = Document(document),
            ["product_tree"] = products.ToJson(),
            ["vulnerabilities"] = vulnerabilities,
        })!;
    }

    private JsonObject Document(AdvisoryDocument document)
    {
        var json = new JsonObject
        {
            ["category"] = "csaf_security_advisory",
            ["csaf_version"] = "2.0",
            ["lang"] = "en",
            ["title"] = document.Title,
            ["publisher"] = Publisher(),
            ["distribution"] = Distribution(document.State),
            ["tracking"] = Tracking(document),
        };
        var notes = new List<JsonNode> { Note("summary", "Summary", document.Summary) };
        if (!string.IsNullOrWhiteSpace(document.Details))
        {
            notes.Add(Note("details", "Details", document.Details));
        }
        json["notes"] = ExportJson.Array(notes);
        if (HighestSeverity(document) is { } severity)
        {
            json["aggregate_severity"] = new JsonObject { ["text"] = severity };
        }
        var references = new List<JsonNode>();
        if (document.CanonicalUrl is { } canonical)
        {
            references.Add(Reference(canonical, "Canonical URL", "self"));
        }
        if (document.PublicUrl is { } url)
        {
            references.Add(Reference(url, $"{document.TrackingId} on {publisher.Name}'s site"));
        }
        if (references.Count > 0)
        {
            json["references"] = ExportJson.Array(references);
        }
        return json;
    }

    private JsonObject Publisher()
    {
        var json = new JsonObject
        {
            ["category"] = publisher.Category,
            ["name"] = publisher.Name,
            ["namespace"] = publisher.Namespace.AbsoluteUri,
        };
        if (!string.IsNullOrWhiteSpace(publisher.ContactDetails))
        {
            json["contact_details"] = publisher.ContactDetails;
        }
        if (!string.IsNullOrWhiteSpace(publisher.IssuingAuthority))
        {
            json["issuing_authority"] = publisher.IssuingAuthority;
        }
        return json;
    }

    private JsonObject Distribution(AdvisoryState state) => state == AdvisoryState.Final
        ? new JsonObject
        {
            ["text"] = "TLP:CLEAR. Disclosure is not limited.",
            ["tlp"] = new JsonObject { ["label"] = "WHITE", ["url"] = TlpUrl },
        }
        : new JsonObject
        {
            ["text"] = $"TLP:AMBER+STRICT. Draft: share only within {publisher.Name} until it is published.",
            ["tlp"] = new JsonObject { ["label"] = "AMBER", ["url"] = TlpUrl },
        };

    private static JsonObject Tracking(AdvisoryDocument document)
    {
        var revisions = document.Revisions
            .Select(r => (Revision: r, Version: AdvisoryDocumentRules.SemanticVersion(r.Number) ?? r.Number))
            .ToList();
        var latest = revisions[^1].Version;
        return new JsonObject
        {
            ["id"] = document.TrackingId,
            ["status"] = document.State == AdvisoryState.Final ? "final" : "draft",
            ["version"] = document.State == AdvisoryState.Final ? latest : latest + "-draft",
            ["revision_history"] = ExportJson.Array(revisions.Select(r => new JsonObject
            {
                ["number"] = r.Version,
                ["date"] = Rfc3339.Format(r.Revision.Date),
                ["summary"] = r.Revision.Summary,
            })),
            ["initial_release_date"] = Rfc3339.Format(document.InitialReleaseDate),
            ["current_release_date"] = Rfc3339.Format(document.CurrentReleaseDate),
            ["generator"] = new JsonObject { ["engine"] = EngineJson() },
        };
    }

    private static JsonObject EngineJson()
    {
        var json = new JsonObject { ["name"] = Engine };
        var version = typeof(CsafWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(version))
        {
            json["version"] = version.Split('+')[0];
        }
        return json;
    }

    private static JsonObject Vulnerability(AdvisoryDocument document, AdvisoryVulnerability vulnerability, CsafProductTree products)
    {
        var affected = vulnerability.Affected.Select(range => products.AffectedRange(vulnerability, range)).Distinct(StringComparer.Ordinal).ToList();
        var fixedIds = FixedVersions.Of(vulnerability).Select(version => products.FixedVersion(vulnerability, version)).ToList();
        var json = new JsonObject { ["title"] = vulnerability.Title };
        if (vulnerability.CveId is { } cve)
        {
            json["cve"] = cve;
        }
        var notes = new List<JsonNode> { Note("description", "Description", vulnerability.Description) };
        if (vulnerability.CweId is { } cweId)
        {
            if (CweCatalogue.NameOf(cweId) is { } cweName)
            {
                json["cwe"] = new JsonObject { ["id"] = cweId, ["name"] = cweName };
            }
            else
            {
                notes.Add(Note("other", "Weakness", $"{cweId} (not in the catalogue this document was written with, so not given as cwe)."));
            }
        }
        if (vulnerability.Cvss40 is { } v4)
        {
            notes.Add(Note("other", "CVSS v4.0", $"{v4.Vector} (base score {CvssJson.Score(v4.BaseScore):0.0}, {v4.Severity})"));
        }
        json["notes"] = ExportJson.Array(notes);
        json["product_status"] = new JsonObject
        {
            ["known_affected"] = ExportJson.Strings(affected),
            ["fixed"] = ExportJson.Strings(fixedIds),
        };
        if (vulnerability.Cvss31 is { } v3)
        {
            json["scores"] = ExportJson.Array([new JsonObject { ["products"] = ExportJson.Strings(affected), ["cvss_v3"] = CvssJson.Write(v3) }]);
        }
        json["remediations"] = ExportJson.Array([Remediation(document, vulnerability, affected)]);
        if (vulnerability.Credits.Count > 0)
        {
            json["acknowledgments"] = ExportJson.Array(vulnerability.Credits.Select(c => CreditRoles.Acknowledgment(c, vulnerability.Vendor)));
        }
        if (vulnerability.References.Count > 0)
        {
            json["references"] = ExportJson.Array(vulnerability.References.Distinct().Select(url => Reference(url, url.AbsoluteUri)));
        }
        return json;
    }

    private static JsonObject Remediation(AdvisoryDocument document, AdvisoryVulnerability vulnerability, IReadOnlyList<string> affected)
    {
        var json = new JsonObject
        {
            ["category"] = "vendor_fix",
            ["details"] = FixedVersions.Advice(vulnerability),
            ["product_ids"] = ExportJson.Strings(affected),
        };
        if (vulnerability.FixReleasedAt is { } released)
        {
            json["date"] = Rfc3339.Format(released);
        }
        if (document.PublicUrl is { } url)
        {
            json["url"] = url.AbsoluteUri;
        }
        return json;
    }

    private static string? HighestSeverity(AdvisoryDocument document) => document.Vulnerabilities
        .Select(v => (v.Cvss31 ?? v.Cvss40)?.Severity)
        .OfType<string>()
        .MaxBy(Rank);

    private static int Rank(string severity) => severity switch
    {
        "Critical" => 4,
        "High" => 3,
        "Medium" => 2,
        "Low" => 1,
        _ => 0,
    };

    private static JsonObject Note(string category, string title, string text) => new()
    {
        ["category"] = category,
        ["title"] = title,
        ["text"] = text,
    };

    private static JsonObject Reference(Uri url, string summary, string category = "external") => new()
    {
        ["category"] = category,
        ["summary"] = summary,
        ["url"] = url.AbsoluteUri,
    };
}
