using SecComms.Core.Advisories.Exports;
using SecComms.Core.Errors;

namespace SecComms.Core.Tests.Advisories.Exports;

public sealed class CveWriterTests
{
    private static readonly CveWriter Writer = new(Samples.Publisher);

    [Fact]
    public void The_record_is_published_by_the_CNA_with_versions_CWE_metrics_credits_and_references()
    {
        var record = Writer.Write(Samples.Published(), "CVE-2026-12345");
        var cna = record["containers"]!["cna"]!;

        Assert.Equal("CVE_RECORD", (string?)record["dataType"]);
        Assert.Equal("5.1", (string?)record["dataVersion"]);
        Assert.Equal("CVE-2026-12345", (string?)record["cveMetadata"]!["cveId"]);
        Assert.Equal("PUBLISHED", (string?)record["cveMetadata"]!["state"]);
        Assert.Equal(Samples.Publisher.CveOrgId, (string?)record["cveMetadata"]!["assignerOrgId"]);
        Assert.Equal(Samples.Publisher.CveOrgId, (string?)cna["providerMetadata"]!["orgId"]);
        Assert.Equal("ExampleCorp", (string?)cna["providerMetadata"]!["shortName"]);
        Assert.Equal("2026-11-25T14:00:00Z", (string?)record["cveMetadata"]!["datePublished"]);
        Assert.Equal("Stored XSS in issue descriptions", (string?)cna["title"]);
        Assert.Equal(Samples.Xss.Description, (string?)cna["descriptions"]![0]!["value"]);
        var product = cna["affected"]![0]!;
        Assert.Equal("Example Corp", (string?)product["vendor"]);
        Assert.Equal("Example Platform", (string?)product["product"]);
        Assert.Equal("unaffected", (string?)product["defaultStatus"]);
        Assert.Equal(
            ["16.0.0 <18.2.9 semver affected", "18.3.0 <18.3.5 semver affected", "18.4.0 <18.4.2 semver affected"],
            product["versions"]!.AsArray().Select(v => $"{v!["version"]} <{v["lessThan"]} {v["versionType"]} {v["status"]}"));
        var cwe = cna["problemTypes"]![0]!["descriptions"]![0]!;
        Assert.Equal("CWE-79", (string?)cwe["cweId"]);
        Assert.Equal("CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')", (string?)cwe["description"]);
        var metrics = cna["metrics"]!.AsArray();
        Assert.Equal(6.1, (double)metrics[0]!["cvssV3_1"]!["baseScore"]!);
        Assert.Equal("CHANGED", (string?)metrics[0]!["cvssV3_1"]!["scope"]);
        Assert.Equal(5.1, (double)metrics[1]!["cvssV4_0"]!["baseScore"]!);
        Assert.Equal("PASSIVE", (string?)metrics[1]!["cvssV4_0"]!["userInteraction"]);
        Assert.Equal("LOW", (string?)metrics[1]!["cvssV4_0"]!["subConfidentialityImpact"]);
        Assert.Equal(
            ["finder", "finder", "reporter", "reporter", "finder", "finder", "other", "other"],
            cna["credits"]!.AsArray().Select(c => (string?)c!["type"]));
        Assert.Equal("joaxcar reported this vulnerability through the HackerOne bug bounty program.", (string?)cna["credits"]![0]!["value"]);
        Assert.Equal("vendor-advisory", (string?)cna["references"]![0]!["tags"]![0]);
        Assert.Equal("Upgrade Example Platform to 18.2.9, 18.3.5, or 18.4.2, or a later version.", (string?)cna["solutions"]![0]!["value"]);
    }

    [Fact]
    public void A_CVSS_3_1_only_vulnerability_has_one_metric_and_an_unknown_CWE_keeps_its_id()
    {
        var cna = Writer.Write(Samples.Published(Samples.Xss with { Cvss40 = null, CweId = "CWE-99999" }))[0]["containers"]!["cna"]!;

        Assert.Equal("cvssV3_1", Assert.Single(cna["metrics"]!.AsArray())!.AsObject().Select(p => p.Key).Last());
        Assert.Equal("CWE-99999", (string?)cna["problemTypes"]![0]!["descriptions"]![0]!["description"]);
    }

    [Fact]
    public void A_vulnerability_without_a_CVE_id_is_refused_with_a_conflict()
    {
        var refused = Assert.Throws<ConflictException>(() => Writer.Write(Samples.Published(Samples.Xss, Samples.Rce with { CveId = null })));

        Assert.Equal("VULN-8 has no CVE id yet; the CVE record needs one.", refused.Message);
    }

    [Fact]
    public void Asking_for_a_CVE_the_advisory_does_not_cover_is_not_found()
    {
        var missing = Assert.Throws<NotFoundException>(() => Writer.Write(Samples.Published(), "CVE-2026-99999"));

        Assert.Equal("SC-12 has no vulnerability with the CVE id CVE-2026-99999.", missing.Message);
    }

    [Fact]
    public void Without_the_CNAs_organization_id_the_export_says_which_setting_to_set()
    {
        var refused = Assert.Throws<ConflictException>(() => new CveWriter(new AdvisoryPublisherOptions()).Write(Samples.Published()));

        Assert.Equal("CVE records need the CNA's organization id; set Advisories:Publisher:CveOrgId.", refused.Message);
    }

    [Fact]
    public void A_draft_without_references_cannot_make_a_CVE_record()
    {
        var refused = Assert.Throws<ValidationException>(() => Writer.Write(Samples.Draft(Samples.Rce)));

        Assert.Equal(["Vulnerabilities[0].References"], refused.Errors.Keys);
    }
}
